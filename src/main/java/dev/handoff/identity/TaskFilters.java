package dev.handoff.identity;

import static dev.handoff.identity.Groups.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.TaskQuery;

/** Tasklist filters per role: shared ones for every person, one per team queue. */
final class TaskFilters {

    record TaskFilter(String name, String description, int priority, TaskQuery query, List<String> groups) {
    }

    /**
     * Columns Tasklist shows on every filter: task variables that {@link TasklistColumns} copies from the
     * process variables named here; variables a process does not set are left blank.
     */
    static final Map<String, String> COLUMN_SOURCES = columnSources();
    static final List<Map<String, String>> COLUMNS = List.of(
            column("tasklistLeadNumber", "Lead no."),
            column("tasklistLead", "Lead"),
            column("tasklistCompany", "Company"),
            column("tasklistGrade", "Grade"),
            column("tasklistSlaDue", "SLA due"),
            column("tasklistRequest", "Request"));

    private static Map<String, String> columnSources() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("tasklistLeadNumber", "leadNumber");
        sources.put("tasklistLead", "leadName");
        sources.put("tasklistCompany", "company");
        sources.put("tasklistGrade", "fitGrade");
        sources.put("tasklistSlaDue", "slaDueAt");
        sources.put("tasklistRequest", "title");
        return sources;
    }

    static List<TaskFilter> all(TaskService tasks) {
        List<TaskFilter> filters = new ArrayList<>();
        filters.add(new TaskFilter("My tasks", "Tasks assigned to me, earliest due first", -10,
                tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc(), HUMAN));
        filters.add(new TaskFilter("My group's tasks", "Unclaimed tasks of my teams", -5,
                tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned()
                        .orderByDueDate().asc(), HUMAN));
        filters.add(new TaskFilter("Due soon / overdue", "My and my teams' tasks due within a day, overdue first", 0,
                tasks.createTaskQuery()
                        .or().taskAssigneeExpression("${currentUser()}")
                        .taskCandidateGroupInExpression("${currentUserGroups()}").endOr()
                        .dueBeforeExpression("${dateTime().plusDays(1)}").orderByDueDate().asc(), HUMAN));
        filters.add(new TaskFilter("My leads to accept", "MQLs routed to me: accept or reject before the SLA lapses", -20,
                tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}").taskDefinitionKey("Task_AcceptLead")
                        .orderByDueDate().asc(), List.of(SDR, AE, SALES_MANAGERS)));
        filters.add(new TaskFilter("Overdue", "My and my teams' tasks past their due date", -15,
                tasks.createTaskQuery()
                        .or().taskAssigneeExpression("${currentUser()}")
                        .taskCandidateGroupInExpression("${currentUserGroups()}").endOr()
                        .dueBeforeExpression("${now()}").orderByDueDate().asc(), List.of(SDR, AE, SALES_MANAGERS)));
        filters.add(new TaskFilter("Escalations", "Unrouted and overdue leads and meetings that need a manager", -18,
                tasks.createTaskQuery().taskCandidateGroup(SALES_MANAGERS).includeAssignedTasks()
                        .taskDefinitionKeyIn("Task_HandleOverdueLead", "Task_HandleOverdueMeeting", "Task_AssignUnroutedLead")
                        .orderByDueDate().asc(), List.of(SALES_MANAGERS)));
        filters.add(new TaskFilter("Rejected leads to review", "Leads sales rejected as below the MQL definition", -18,
                tasks.createTaskQuery().taskCandidateGroup(MARKETING_OPS).includeAssignedTasks()
                        .taskDefinitionKey("Task_ReviewRejectedLead").orderByDueDate().asc(), List.of(MARKETING_OPS, MARKETING_MANAGERS)));
        filters.add(queue(tasks, "SDR queue", SDR, List.of(SDR, SALES_MANAGERS)));
        filters.add(queue(tasks, "AE queue", AE, List.of(AE, SALES_MANAGERS)));
        filters.add(queue(tasks, "Sales managers' queue", SALES_MANAGERS, List.of(SALES_MANAGERS)));
        filters.add(queue(tasks, "Marketing ops queue", MARKETING_OPS, List.of(MARKETING_OPS, MARKETING_MANAGERS)));
        filters.add(queue(tasks, "Demand gen queue", DEMAND_GEN, List.of(DEMAND_GEN, MARKETING_MANAGERS)));
        filters.add(queue(tasks, "Content queue", CONTENT_MARKETING, List.of(CONTENT_MARKETING, MARKETING_MANAGERS)));
        filters.add(queue(tasks, "Marketing managers' queue", MARKETING_MANAGERS, List.of(MARKETING_MANAGERS)));
        return filters;
    }

    private static TaskFilter queue(TaskService tasks, String name, String group, List<String> visibleTo) {
        return new TaskFilter(name, "Every open task of the " + group + " team, assigned or not, earliest due first",
                10, tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().orderByDueDate().asc(),
                visibleTo);
    }

    private static Map<String, String> column(String name, String label) {
        Map<String, String> column = new LinkedHashMap<>();
        column.put("name", name);
        column.put("label", label);
        return column;
    }

    private TaskFilters() {
    }
}
