package dev.handoff.lead;

import static dev.handoff.lead.LeadVariables.*;
import static dev.handoff.lead.StageValues.oneOf;
import static dev.handoff.lead.StageValues.text;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.handoff.identity.Groups;
import dev.handoff.notification.Notifier;
import dev.handoff.platform.EngineClock;
import dev.handoff.platform.InvalidInputException;
import dev.handoff.routing.Reps;
import dev.handoff.sla.SlaLedger;

/**
 * The top of both SLA ladders: a lead overdue twice (to accept, or for its discovery meeting) is escalated to the
 * sales managers, who reassign it or take it over.
 */
@Configuration
class OverdueLeads {

    record Resolution(String rep, boolean takeOver, OffsetDateTime at) {
    }

    private final LeadRepository leads;
    private final SlaLedger ledger;
    private final Reps reps;
    private final Notifier notifier;
    private final StageGlue glue;

    OverdueLeads(LeadRepository leads, SlaLedger ledger, Reps reps, Notifier notifier, StageGlue glue) {
        this.leads = leads;
        this.ledger = ledger;
        this.reps = reps;
        this.notifier = notifier;
        this.glue = glue;
    }

    /** Raised by the escalation event: the lead is overdue twice and needs a manager. */
    @Bean
    ExecutionListener raiseEscalation() {
        return execution -> {
            Lead lead = glue.lead(execution);
            OffsetDateTime now = EngineClock.now();
            boolean meeting = execution.getCurrentActivityId().contains("Meeting");
            execution.setVariable(ESCALATION_ID, ledger.escalate(lead.id(), meeting ? "MEETING" : "ACCEPT", now));
            leads.addEvent(lead.id(), new LeadEvent(now, "ESCALATED", null, glue.actor(),
                    meeting ? "discovery meeting overdue twice" : "SLA breached twice", null));
            notifier.notifyGroup(Groups.SALES_MANAGERS, "Overdue lead: " + lead.name(),
                    "Reassign it or take it over in Tasklist.");
        };
    }

    /** A manager reassigns an overdue lead or meeting, or takes it over; the escalation is resolved. */
    Resolution resolve(DelegateTask task, String team, String what) {
        DelegateExecution execution = task.getExecution();
        String rep = assignee(task, team);
        boolean takeOver = "take_over".equals(task.getVariable(OVERDUE_ACTION));
        OffsetDateTime now = EngineClock.now();
        ledger.resolveEscalation(((Number) execution.getVariable(ESCALATION_ID)).longValue(),
                takeOver ? "TAKEN_OVER" : "REASSIGNED", glue.actor(task), now);
        leads.addEvent(glue.lead(execution).id(), new LeadEvent(now, takeOver ? "TAKEN_OVER" : "REASSIGNED", null,
                glue.actor(task), what + (takeOver ? "taken over by " : "reassigned to ") + rep, null));
        execution.removeVariables(List.of(ASSIGN_TO, OVERDUE_ACTION));
        return new Resolution(rep, takeOver, now);
    }

    private String assignee(DelegateTask task, String team) {
        String action = oneOf(task.getVariable(OVERDUE_ACTION), OVERDUE_ACTION, Set.of("reassign", "take_over"));
        if (action.equals("take_over")) {
            return glue.actor(task);
        }
        String rep = text(task.getVariable(ASSIGN_TO));
        if (rep == null || !reps.isMember(rep, team)) {
            throw new InvalidInputException(ASSIGN_TO, "name a member of team " + team + " to reassign to");
        }
        return rep;
    }
}
