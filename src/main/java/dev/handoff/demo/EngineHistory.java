package dev.handoff.demo;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ActivityTypes;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.EscalationEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import dev.handoff.lead.Lead;
import dev.handoff.lead.LeadVariables;

/**
 * Gives the engine the seeded quarter's past, so that Cockpit, Tasklist and the bottleneck view agree with
 * Handoff's tables: a lead whose process still waits gets a real process instance, started in the activity it
 * waits in; the activities it went through before, and the whole path of leads whose process ended, are
 * written as the history the engine would have written. The engine has no API to import history (and moving
 * its clock back would move it for every thread), so those rows go straight into its history tables, the schema
 * Camunda 7 and Operaton share, and the instances started today are dated back to when their leads got there.
 */
final class EngineHistory {

    private static final int BATCH = 250;
    private static final String CONTENT_REQUEST = "content-request";
    /** The non-interrupting reminder timer on each task with an SLA. */
    private static final Map<String, String> REMINDERS = Map.of("Task_AcceptLead", "Event_AcceptReminderDue",
            "Task_LogContactAttempt", "Event_CadenceReminderDue", "Task_HoldDiscoveryMeeting",
            "Event_MeetingReminderDue");

    private final RuntimeService runtime;
    private final ManagementService management;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    /** lead-lifecycle and its stages, latest versions, by key. */
    private final Map<String, ProcessDefinition> definitions = new HashMap<>();
    private final Map<String, BpmnModelInstance> models = new HashMap<>();
    private final StagePath path;
    private final Integer historyDays;
    private final Rows processInstances;
    private final Rows activityInstances;
    private final Rows taskInstances;

    EngineHistory(RuntimeService runtime, ManagementService management, RepositoryService repository,
            JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.runtime = runtime;
        this.management = management;
        this.jdbc = jdbc;
        this.transaction = transaction;
        List<String> keys = new ArrayList<>(List.of(LeadVariables.PROCESS_KEY));
        keys.addAll(LeadVariables.STAGE_KEYS);
        for (String key : keys) {
            ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                    .latestVersion().singleResult();
            definitions.put(key, definition);
            models.put(key, repository.getBpmnModelInstance(definition.getId()));
        }
        this.path = new StagePath(models);
        this.historyDays = definitions.get(LeadVariables.PROCESS_KEY).getHistoryTimeToLive();
        this.processInstances = new Rows(jdbc, "act_hi_procinst", "id_, proc_inst_id_, business_key_, proc_def_key_,"
                + " proc_def_id_, start_time_, end_time_, removal_time_, duration_, start_act_id_, end_act_id_,"
                + " super_process_instance_id_, root_proc_inst_id_, state_");
        this.activityInstances = new Rows(jdbc, "act_hi_actinst", "id_, parent_act_inst_id_, proc_def_key_,"
                + " proc_def_id_, root_proc_inst_id_, proc_inst_id_, execution_id_, act_id_, task_id_,"
                + " call_proc_inst_id_, act_name_, act_type_, assignee_, start_time_, end_time_, duration_,"
                + " act_inst_state_, sequence_counter_, removal_time_");
        this.taskInstances = new Rows(jdbc, "act_hi_taskinst", "id_, task_def_key_, proc_def_key_, proc_def_id_,"
                + " root_proc_inst_id_, proc_inst_id_, execution_id_, act_inst_id_, name_, assignee_, start_time_,"
                + " end_time_, duration_, delete_reason_, priority_, due_date_, removal_time_, task_state_");
    }

    /** @return how many process instances were started for leads that still wait */
    int write(List<Trail> trails) {
        List<Trail> waiting = trails.stream().filter(t -> t.waiting() != null).toList();
        // The business key is the lead number, which the database gave each seeded lead.
        Map<String, Long> numbers = ids("select id as lead_id, lead_number as id from lead");
        transaction.executeWithoutResult(status -> {
            for (Trail trail : trails) {
                if (trail.waiting() == null) {
                    ended(trail, Lead.number(numbers.get(trail.leadId())));
                }
            }
            flush();
        });
        Map<String, Long> openClocks = ids("select lead_id, id from lead_assignment where ended_at is null");
        Map<String, Long> rejections = ids("select lead_id, max(id) as id from lead_rejection group by lead_id");
        Map<String, Long> openEscalations = ids("select lead_id, id from lead_escalation where resolved_at is null");
        Date now = ClockUtil.getCurrentTime();
        for (int from = 0; from < waiting.size(); from += BATCH) {
            List<Trail> batch = waiting.subList(from, Math.min(waiting.size(), from + BATCH));
            transaction.executeWithoutResult(status -> {
                List<Object[]> backdated = new ArrayList<>();
                for (Trail trail : batch) {
                    Map<String, Object> variables = new HashMap<>(trail.variables());
                    String number = Lead.number(numbers.get(trail.leadId()));
                    variables.put(LeadVariables.LEAD_NUMBER, number);
                    putId(variables, LeadVariables.ASSIGNMENT_ID, openClocks.get(trail.leadId()));
                    putId(variables, LeadVariables.REJECTION_ID, rejections.get(trail.leadId()));
                    putId(variables, LeadVariables.ESCALATION_ID, openEscalations.get(trail.leadId()));
                    waiting(trail, number, variables, now, backdated);
                }
                flush();
                backdate(backdated);
            });
        }
        return waiting.size();
    }

    /**
     * Open content requests wait in content-request.bpmn where the seed left them; their processes' past is not
     * written (the content loop's own tables hold it).
     */
    int writeContent(List<ContentHistory.OpenRequest> requests) {
        transaction.executeWithoutResult(status -> {
            for (ContentHistory.OpenRequest request : requests) {
                Map<String, Object> variables = new HashMap<>(request.variables());
                Instant due = request.draftDue();
                variables.put("agreedDueDate", due.atZone(ZoneOffset.UTC).toLocalDate().toString());
                variables.put("draftDueAt", Date.from(due));
                variables.put("draftReminderAt", Date.from(due.minus(Duration.ofDays(1))));
                ProcessInstance instance = runtime.createProcessInstanceByKey(CONTENT_REQUEST)
                        .businessKey("CR-" + request.id()).setVariables(variables)
                        .startBeforeActivity(request.activityId()).execute();
                jdbc.update("update content_request set process_instance_id = ? where id = ?", instance.getId(),
                        request.id());
                Timestamp since = ts(request.since());
                jdbc.update("update act_hi_procinst set start_time_ = ?, start_act_id_ = ? where id_ = ?", since,
                        request.activityId(), instance.getId());
                jdbc.update("update act_hi_actinst set start_time_ = ? where proc_inst_id_ = ? and end_time_ is null",
                        since, instance.getId());
                jdbc.update("update act_hi_taskinst set start_time_ = ? where proc_inst_id_ = ? and end_time_ is null",
                        since, instance.getId());
                jdbc.update("update act_ru_task set create_time_ = ? where proc_inst_id_ = ?", since, instance.getId());
            }
        });
        return requests.size();
    }

    /** A reminder half-way through the wait went out in the past: its timer must not fire again today. */
    private void forgetPastReminder(String instance, String activity, Date now) {
        String reminder = REMINDERS.get(activity);
        if (reminder != null) {
            management.createJobQuery().processInstanceId(instance).activityId(reminder).timers()
                    .duedateLowerThan(now).list().forEach(job -> management.deleteJob(job.getId()));
        }
    }

    private void ended(Trail trail, String businessKey) {
        List<StagePath.Visit> visits = path.visits(trail);
        Map<StagePath.Visit, String> ids = new HashMap<>();
        visits.forEach(visit -> ids.put(visit, UUID.randomUUID().toString()));
        Timestamp removal = removal(trail.endedAt());
        String root = ids.get(visits.get(0));
        for (StagePath.Visit visit : visits) {
            processInstance(visit, ids.get(visit), businessKey, root, visit.parent == null ? null : ids.get(visit.parent),
                    removal);
            activities(visit, visits, ids, root, removal, false);
        }
    }

    /**
     * A lead that still waits gets real process instances: lead-lifecycle started in the call activity of the
     * stage it waits in, and the stage's instance moved to where the lead waits (when that is not where the
     * stage's start path stops). Its past, earlier stage visits included, is written as history.
     */
    private void waiting(Trail trail, String number, Map<String, Object> variables, Date now,
            List<Object[]> backdated) {
        List<StagePath.Visit> visits = path.visits(trail);
        StagePath.Visit root = visits.get(0);
        StagePath.Visit stage = visits.stream().filter(v -> v.parent != null && v.open()).findFirst()
                .orElseThrow(() -> new IllegalStateException("lead " + trail.leadId() + " waits in no stage"));
        String activity = trail.waiting().activityId();
        Map<String, Object> start = new HashMap<>(variables);
        // As a lead captured today: the lifecycle holds no copy of the lead's card, the stage shows it.
        start.keySet().removeAll(LeadVariables.CARD);
        if (activity.equals("Task_CompleteLeadData")) {
            // Qualification's start path scores the lead unless sales rejected its data: it waits to be completed.
            start.put(LeadVariables.REJECTION_REASON, "bad_data");
        }
        ProcessInstance parent = runtime.createProcessInstanceById(definitions.get(root.process).getId())
                .businessKey(number).setVariables(start).startBeforeActivity(path.callActivity(stage.process))
                .execute();
        String child = runtime.createProcessInstanceQuery().superProcessInstanceId(parent.getId()).singleResult()
                .getId();
        // What the stage's tasks, forms and listeners read beyond what the call activity passes in.
        runtime.setVariables(child, variables);
        if (!variables.containsKey(LeadVariables.REJECTION_REASON) && start.containsKey(LeadVariables.REJECTION_REASON)) {
            runtime.removeVariable(child, LeadVariables.REJECTION_REASON);
            runtime.removeVariable(parent.getId(), LeadVariables.REJECTION_REASON);
        }
        List<String> active = runtime.getActiveActivityIds(child);
        if (!active.equals(List.of(activity))) {
            var modification = runtime.createProcessInstanceModification(child).startBeforeActivity(activity);
            active.forEach(modification::cancelAllForActivity);
            modification.execute();
        }
        // The engine's own rows of the start path and of the wait it left: the trail's replace them.
        jdbc.update("delete from act_hi_taskinst where proc_inst_id_ = ? and end_time_ is not null", child);
        jdbc.update("delete from act_hi_actinst where proc_inst_id_ = ? and end_time_ is not null", child);
        forgetPastReminder(child, activity, now);
        Map<StagePath.Visit, String> ids = new HashMap<>();
        visits.forEach(visit -> ids.put(visit, visit == root ? parent.getId()
                : visit == stage ? child : UUID.randomUUID().toString()));
        for (StagePath.Visit visit : visits) {
            if (visit != root && visit != stage) {
                processInstance(visit, ids.get(visit), number, parent.getId(), ids.get(visit.parent), null);
            }
            activities(visit, visits, ids, parent.getId(), null, true);
        }
        backdated.add(new Object[] { ts(trail.createdAt()), root.steps.get(0).activityId(), ts(stage.start),
                ts(trail.waiting().start()), parent.getId(), child });
    }

    private void processInstance(StagePath.Visit visit, String id, String businessKey, String root, String parent,
            Timestamp removal) {
        Instant end = visit.end;
        processInstances.add(id, id, businessKey, visit.process, definitions.get(visit.process).getId(),
                ts(visit.start), ts(end), removal, millis(visit.start, end), visit.steps.get(0).activityId(),
                end == null ? null : visit.steps.get(visit.steps.size() - 1).activityId(), parent, root,
                end == null ? "ACTIVE" : visit.escalated ? "INTERNALLY_TERMINATED" : "COMPLETED");
    }

    /**
     * The engine started the instances today; they began when the lead was captured and when it entered the stage,
     * and the activity it waits in (with its task) when the lead got there. Rows: created, first activity, stage
     * entered, waiting since, lifecycle instance, stage instance.
     */
    private void backdate(List<Object[]> started) {
        jdbc.batchUpdate("update act_hi_procinst set start_time_ = ?, start_act_id_ = ? where id_ = ?",
                started.stream().map(r -> new Object[] { r[0], r[1], r[4] }).toList());
        jdbc.batchUpdate("update act_hi_procinst set start_time_ = ? where id_ = ?",
                started.stream().map(r -> new Object[] { r[2], r[5] }).toList());
        jdbc.batchUpdate("update act_hi_actinst set start_time_ = ? where proc_inst_id_ = ? and end_time_ is null",
                started.stream().map(r -> new Object[] { r[2], r[4] }).toList());
        List<Object[]> waitingSince = started.stream().map(r -> new Object[] { r[3], r[5] }).toList();
        jdbc.batchUpdate("update act_hi_actinst set start_time_ = ? where proc_inst_id_ = ? and end_time_ is null",
                waitingSince);
        jdbc.batchUpdate("update act_hi_taskinst set start_time_ = ? where proc_inst_id_ = ? and end_time_ is null",
                waitingSince);
        jdbc.batchUpdate("update act_ru_task set create_time_ = ? where proc_inst_id_ = ?", waitingSince);
    }

    /**
     * The visit's steps as activity (and task) instances; those the engine wrote itself, the open ones of a lead
     * that waits ({@code engineWroteOpen}), are left out.
     */
    private void activities(StagePath.Visit visit, List<StagePath.Visit> visits, Map<StagePath.Visit, String> ids,
            String root, Timestamp removal, boolean engineWroteOpen) {
        String instance = ids.get(visit);
        ProcessDefinition definition = definitions.get(visit.process);
        BpmnModelInstance model = models.get(visit.process);
        int sequence = 1;
        for (int i = 0; i < visit.steps.size(); i++) {
            Trail.Step step = visit.steps.get(i);
            if (step.end() == null && engineWroteOpen) {
                continue;
            }
            FlowNode node = model.getModelElementById(step.activityId());
            // The engine's form of an activity instance id, where it fits the column.
            String activityInstance = step.activityId() + ":" + UUID.randomUUID();
            if (activityInstance.length() > 64) {
                activityInstance = UUID.randomUUID().toString();
            }
            String type = type(node);
            String task = node instanceof UserTask ? UUID.randomUUID().toString() : null;
            int index = i;
            String called = visits.stream().filter(v -> v.parent == visit && v.callIndex == index).findFirst()
                    .map(ids::get).orElse(null);
            activityInstances.add(activityInstance, instance, definition.getKey(), definition.getId(), root,
                    instance, instance, step.activityId(), task, called, node.getName(), type, step.assignee(),
                    ts(step.start()), ts(step.end()), millis(step.start(), step.end()),
                    step.end() == null ? 0 : step.interrupted() ? 2 : 4, sequence++, removal);
            if (task != null) {
                taskInstances.add(task, step.activityId(), definition.getKey(), definition.getId(), root, instance,
                        instance, activityInstance, node.getName(), step.assignee(), ts(step.start()), ts(step.end()),
                        millis(step.start(), step.end()), step.interrupted() ? "deleted" : "completed", 50,
                        ts(step.due()), removal, step.interrupted() ? "Deleted" : "Completed");
            }
        }
    }

    /** The activity types the engine records, e.g. userTask, boundaryTimer, noneEndEvent. */
    private static String type(FlowNode node) {
        if (node instanceof BoundaryEvent event) {
            return has(event, TimerEventDefinition.class) ? ActivityTypes.BOUNDARY_TIMER
                    : has(event, EscalationEventDefinition.class) ? ActivityTypes.BOUNDARY_ESCALATION
                    : ActivityTypes.BOUNDARY_MESSAGE;
        }
        if (node instanceof StartEvent) {
            return ActivityTypes.START_EVENT;
        }
        if (node instanceof EndEvent event) {
            return has(event, EscalationEventDefinition.class) ? ActivityTypes.END_EVENT_ESCALATION
                    : ActivityTypes.END_EVENT_NONE;
        }
        if (node instanceof IntermediateCatchEvent event) {
            return has(event, TimerEventDefinition.class) ? ActivityTypes.INTERMEDIATE_EVENT_TIMER
                    : ActivityTypes.INTERMEDIATE_EVENT_MESSAGE;
        }
        if (node instanceof IntermediateThrowEvent event) {
            return has(event, EscalationEventDefinition.class) ? ActivityTypes.INTERMEDIATE_EVENT_ESCALATION_THROW
                    : ActivityTypes.INTERMEDIATE_EVENT_NONE_THROW;
        }
        String name = node.getElementType().getTypeName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static boolean has(Event event, Class<? extends EventDefinition> type) {
        return !event.getChildElementsByType(type).isEmpty();
    }

    private Map<String, Long> ids(String sql) {
        Map<String, Long> ids = new HashMap<>();
        jdbc.query(sql, rs -> {
            ids.put(rs.getString("lead_id"), rs.getLong("id"));
        });
        return ids;
    }

    private static void putId(Map<String, Object> variables, String name, Long id) {
        if (id != null) {
            variables.put(name, id);
        }
    }

    private void flush() {
        for (Rows rows : List.of(processInstances, activityInstances, taskInstances)) {
            rows.flush();
        }
    }

    private Timestamp removal(Instant processEnd) {
        return processEnd == null || historyDays == null ? null
                : Timestamp.from(processEnd.plus(Duration.ofDays(historyDays)));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Long millis(Instant start, Instant end) {
        return end == null ? null : Duration.between(start, end).toMillis();
    }
}
