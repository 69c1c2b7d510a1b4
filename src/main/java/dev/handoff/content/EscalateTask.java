package dev.handoff.content;

import static dev.handoff.content.ContentVariables.*;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import dev.handoff.notification.Notifier;
import dev.handoff.sla.DeadlineFormat;

/**
 * An escalation of the model's SLA ladder: the overdue task stays where it is and also lands in the managers'
 * queue, and the managers are told.
 */
@Component("escalateTask")
class EscalateTask implements JavaDelegate {

    private final ContentRequests requests;
    private final Notifier notifier;
    private final TaskService taskService;
    private final DeadlineFormat deadlines;

    EscalateTask(ContentRequests requests, Notifier notifier, TaskService taskService, DeadlineFormat deadlines) {
        this.requests = requests;
        this.notifier = notifier;
        this.taskService = taskService;
        this.deadlines = deadlines;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long requestId = (Long) execution.getVariable(REQUEST_ID);
        String group = (String) execution.getVariableLocal(ESCALATE_TO);
        String subject = (String) execution.getVariableLocal(SUBJECT);
        Task task = taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey((String) execution.getVariableLocal(TASK_KEY)).singleResult();
        if (task != null) {
            taskService.addCandidateGroup(task.getId(), group);
        }
        notifier.notifyGroup(group, subject, subject + ".\n\nRequest: \"" + execution.getVariable(TITLE) + "\" (CR-"
                + requestId + ")" + (task == null ? "" : ", task \"" + task.getName() + "\" assigned to "
                + (task.getAssignee() == null ? "nobody" : task.getAssignee()) + ", due "
                + deadlines.moment(task.getDueDate()))
                + ". It is now in your queue as well.");
        requests.record(requestId, null, "escalated", subject + " (to " + group + ")");
    }
}
