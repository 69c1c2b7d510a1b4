package dev.handoff.lead;

import static dev.handoff.lead.LeadVariables.*;
import static dev.handoff.lead.StageValues.*;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.handoff.identity.Groups;
import dev.handoff.notification.Notifier;
import dev.handoff.platform.EngineClock;
import dev.handoff.platform.InvalidInputException;
import dev.handoff.routing.Reps;
import dev.handoff.sla.DeadlineFormat;
import dev.handoff.sla.SlaLedger;

/**
 * The glue of opportunity and outcome: the handoff to an account executive with the meeting SLA and its ladder,
 * the discovery meeting, the deal outcome (from the AE or the CRM) and the cool-off of a lost deal.
 */
@Configuration
class OpportunityDelegates {

    private final LeadRepository leads;
    private final Reps reps;
    private final SlaLedger ledger;
    private final SlaClocks clocks;
    private final OverdueLeads overdue;
    private final Notifier notifier;
    private final LeadSettings settings;
    private final DeadlineFormat deadlines;
    private final StageGlue glue;

    OpportunityDelegates(LeadRepository leads, Reps reps, SlaLedger ledger, SlaClocks clocks, OverdueLeads overdue,
            Notifier notifier, LeadSettings settings, DeadlineFormat deadlines, StageGlue glue) {
        this.leads = leads;
        this.reps = reps;
        this.ledger = ledger;
        this.clocks = clocks;
        this.overdue = overdue;
        this.notifier = notifier;
        this.settings = settings;
        this.deadlines = deadlines;
        this.glue = glue;
    }

    /** A booked meeting makes the lead an SQL; an AE takes it over by round robin with the meeting SLA. */
    @Bean
    JavaDelegate handToAe() {
        return execution -> {
            Lead lead = glue.lead(execution);
            OffsetDateTime now = EngineClock.now();
            if (lead.stage() != LeadStage.SQL) {
                leads.changeStage(lead.id(), LeadStage.SQL, "meeting booked by " + lead.owner(), null, now);
            }
            Reps.Routing choice = reps.next(Groups.AE, csv(execution, EXCLUDED_AES));
            String ae = choice.chosen().orElse(null);
            clocks.startMeetingClock(execution, lead, ae, SlaLedger.Role.AE, now);
            leads.addEvent(lead.id(), new LeadEvent(now, "HANDED_TO_AE", LeadStage.SQL, glue.actor(),
                    ae != null ? "handed to " + ae + " by round robin" : "no eligible AE: waiting in the AE queue",
                    json(Map.of("considered", choice.considered()))));
        };
    }

    @Bean
    JavaDelegate remindAe() {
        return execution -> glue.remind(execution, "Task_HoldDiscoveryMeeting",
                (String) execution.getVariable(AE_OWNER), "Hold the discovery meeting with "
                        + glue.lead(execution).name() + " by "
                        + deadlines.moment((Date) execution.getVariable(MEETING_DUE_AT)));
    }

    @Bean
    JavaDelegate recordMeetingBreach() {
        return execution -> {
            Lead lead = glue.lead(execution);
            String ae = (String) execution.getVariable(AE_OWNER);
            OffsetDateTime now = EngineClock.now();
            long assignment = assignmentId(execution);
            ledger.end(assignment, SlaLedger.Outcome.BREACHED, now);
            Duration late = ledger.breach(lead.id(), assignment, "MEETING", ae, Groups.AE,
                    utc((Date) execution.getVariable(MEETING_DUE_AT)), now);
            Integer before = (Integer) execution.getVariable(MEETING_BREACH_COUNT);
            execution.setVariable(MEETING_BREACH_COUNT, (before == null ? 0 : before) + 1);
            if (ae != null) {
                execution.setVariable(EXCLUDED_AES, join(csv(execution, EXCLUDED_AES), ae));
            }
            leads.addEvent(lead.id(), new LeadEvent(now, "SLA_BREACHED", null, ae,
                    "discovery meeting not held in time, " + minutes(late) + " late", null));
            notifier.notify(ae, "Meeting SLA breached: " + lead.name(), "The lead goes to another account executive.");
        };
    }

    @Bean
    TaskListener applyOverdueMeetingDecision() {
        return task -> {
            OverdueLeads.Resolution resolution = overdue.resolve(task, Groups.AE, "meeting ");
            clocks.startMeetingClock(task.getExecution(), glue.lead(task.getExecution()), resolution.rep(),
                    resolution.takeOver() ? SlaLedger.Role.MANAGER : SlaLedger.Role.AE, resolution.at());
        };
    }

    @Bean
    TaskListener recordMeetingOutcome() {
        return task -> {
            String outcome = oneOf(task.getVariable(MEETING_OUTCOME), MEETING_OUTCOME,
                    Set.of("opportunity", "disqualified"));
            DelegateExecution execution = task.getExecution();
            Lead lead = glue.lead(execution);
            OffsetDateTime now = EngineClock.now();
            ledger.end(assignmentId(execution), SlaLedger.Outcome.MET, now);
            if (outcome.equals("disqualified")) {
                oneOf(task.getVariable(DISQUALIFICATION_REASON), DISQUALIFICATION_REASON,
                        FollowUpDelegates.DISQUALIFICATION_REASONS);
                return;
            }
            BigDecimal amount = amount(task.getVariable(OPPORTUNITY_AMOUNT), OPPORTUNITY_AMOUNT);
            leads.setAmount(lead.id(), amount);
            leads.changeStage(lead.id(), LeadStage.OPPORTUNITY, "discovery meeting held by " + glue.actor(task), null,
                    now);
            leads.addEvent(lead.id(), new LeadEvent(now, "OPPORTUNITY", LeadStage.OPPORTUNITY, glue.actor(task),
                    "amount " + amount.toPlainString(), null));
        };
    }

    /** Won or lost, from the AE's task or the CRM callback; the variables were checked before they got here. */
    @Bean
    JavaDelegate applyDealOutcome() {
        return execution -> {
            Lead lead = glue.lead(execution);
            OffsetDateTime now = EngineClock.now();
            String outcome = oneOf(execution.getVariable(DEAL_OUTCOME), DEAL_OUTCOME, Set.of("won", "lost"));
            if (outcome.equals("won")) {
                Object given = execution.getVariable(DEAL_AMOUNT);
                BigDecimal amount = given == null || given.toString().isBlank()
                        ? (execution.getVariable(OPPORTUNITY_AMOUNT) == null ? BigDecimal.ZERO
                                : amount(execution.getVariable(OPPORTUNITY_AMOUNT), OPPORTUNITY_AMOUNT))
                        : amount(given, DEAL_AMOUNT);
                leads.setAmount(lead.id(), amount);
                leads.changeStage(lead.id(), LeadStage.WON, "won " + amount.toPlainString(), null, now);
                leads.close(lead.id());
                leads.addEvent(lead.id(), new LeadEvent(now, "WON", LeadStage.WON, glue.actor(),
                        amount.toPlainString(), null));
            } else {
                String reason = text(execution.getVariable(LOST_REASON));
                if (reason == null) {
                    throw new InvalidInputException(LOST_REASON, "is required for a lost deal");
                }
                leads.changeStage(lead.id(), LeadStage.LOST, reason, null, now);
                execution.setVariable(COOL_OFF_UNTIL, Date.from(now.plus(settings.lostCoolOff()).toInstant()));
                leads.addEvent(lead.id(), new LeadEvent(now, "LOST", LeadStage.LOST, glue.actor(), reason, null));
            }
        };
    }

    @Bean
    JavaDelegate recycleLostLead() {
        return execution -> glue.toNurture(execution, glue.lead(execution), LeadStage.RECYCLED,
                "lost deal, cool-off over: back to nurture", EngineClock.now());
    }
}
