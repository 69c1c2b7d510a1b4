package dev.handoff.lead;

import static dev.handoff.lead.LeadVariables.*;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import dev.handoff.identity.Groups;
import dev.handoff.notification.Notifier;
import dev.handoff.platform.CurrentUser;
import dev.handoff.platform.EngineClock;

/** What the sales stages' glue shares: the lead of an execution, who acts, reminders and the way back to nurture. */
@Component
class StageGlue {

    private final LeadRepository leads;
    private final TaskService tasks;
    private final CurrentUser user;
    private final Notifier notifier;
    private final LeadSettings settings;

    StageGlue(LeadRepository leads, TaskService tasks, CurrentUser user, Notifier notifier, LeadSettings settings) {
        this.leads = leads;
        this.tasks = tasks;
        this.user = user;
        this.notifier = notifier;
        this.settings = settings;
    }

    /**
     * Whether the execution runs a lead-lifecycle version that calls the stages: it holds the lead's ids, not its
     * fields, and its sales steps live in the stages. A version before the stages (one diagram holding every step)
     * has forms that read the lead and the persona from the lifecycle and reminder timers that read the reminder
     * moments set for them.
     */
    static boolean callsStages(DelegateExecution execution) {
        return execution.getProcessDefinitionId().startsWith(PROCESS_KEY + ":")
                && execution.getBpmnModelInstance().getModelElementById("Task_AcceptLead") == null;
    }

    Lead lead(DelegateExecution execution) {
        String id = (String) execution.getVariable(LEAD_ID);
        return leads.findById(id).orElseThrow(() -> new IllegalStateException("No lead " + id));
    }

    String actor(DelegateTask task) {
        return user.actor(task.getAssignee());
    }

    String actor() {
        return user.actor(null);
    }

    /** Flags the waiting task for follow-up today and tells the rep (or the sales managers when nobody has it). */
    void remind(DelegateExecution execution, String taskKey, String rep, String text) {
        Task task = tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(taskKey).singleResult();
        if (task != null) {
            task.setFollowUpDate(Date.from(EngineClock.now().toInstant()));
            tasks.saveTask(task);
        }
        Lead lead = lead(execution);
        leads.addEvent(lead.id(), new LeadEvent(EngineClock.now(), "SLA_REMINDER", null, actor(), text, rep));
        if (rep != null) {
            notifier.notify(rep, "Reminder: " + lead.name(), text);
        } else {
            notifier.notifyGroup(Groups.SALES_MANAGERS, "Reminder: " + lead.name(), text);
        }
    }

    /** The lead goes back to nurture (or is recycled into it) with a fresh nurture period and no sales owner. */
    void toNurture(DelegateExecution execution, Lead lead, LeadStage stage, String reason, OffsetDateTime now) {
        leads.changeStage(lead.id(), stage, reason, null, now);
        leads.assign(lead.id(), null, null, null, now);
        execution.setVariable(NURTURE_UNTIL, Date.from(now.plus(settings.nurtureTimeout()).toInstant()));
        execution.removeVariables(List.of(OWNER, AE_OWNER, EXCLUDED_REPS, EXCLUDED_AES, BREACH_COUNT,
                MEETING_BREACH_COUNT, SAL_DECISION, REJECTION_REASON, REJECTION_NOTE, REVIEW_DECISION,
                ARBITRATION_DECISION, LAST_CONTACT_OUTCOME, DEAL_OUTCOME));
        leads.addEvent(lead.id(), new LeadEvent(now, stage.name(), stage, actor(), reason, null));
    }
}
