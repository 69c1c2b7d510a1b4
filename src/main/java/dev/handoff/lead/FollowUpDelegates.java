package dev.handoff.lead;

import static dev.handoff.lead.LeadVariables.*;
import static dev.handoff.lead.StageValues.oneOf;
import static dev.handoff.lead.StageValues.text;
import static dev.handoff.lead.StageValues.utc;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.handoff.platform.EngineClock;
import dev.handoff.sla.SlaLedger;

/**
 * The glue of the follow-up cadence: the rep logs contact attempts within the contact window until a meeting is
 * booked, the lead is disqualified, or the attempts or the window run out (back to nurture).
 */
@Configuration
class FollowUpDelegates {

    static final Set<String> CHANNELS = Set.of("phone", "email", "linkedin", "other");
    static final Set<String> CONTACT_OUTCOMES = Set.of("no_answer", "left_message", "connected", "meeting_booked",
            "disqualified");
    static final Set<String> DISQUALIFICATION_REASONS = Set.of("no_budget", "no_need", "competitor", "unreachable",
            "other");

    private final LeadRepository leads;
    private final SlaLedger ledger;
    private final StageGlue glue;

    FollowUpDelegates(LeadRepository leads, SlaLedger ledger, StageGlue glue) {
        this.leads = leads;
        this.ledger = ledger;
        this.glue = glue;
    }

    /** Saves one contact attempt; the form's fields are cleared so the next attempt starts empty. */
    @Bean
    TaskListener recordContactAttempt() {
        return task -> {
            String channel = oneOf(task.getVariable(CONTACT_CHANNEL), CONTACT_CHANNEL, CHANNELS);
            String outcome = oneOf(task.getVariable(CONTACT_OUTCOME), CONTACT_OUTCOME, CONTACT_OUTCOMES);
            if (outcome.equals("disqualified")) {
                oneOf(task.getVariable(DISQUALIFICATION_REASON), DISQUALIFICATION_REASON, DISQUALIFICATION_REASONS);
            }
            DelegateExecution execution = task.getExecution();
            Lead lead = glue.lead(execution);
            String note = text(task.getVariable(CONTACT_NOTE));
            OffsetDateTime now = EngineClock.now();
            leads.recordContactAttempt(lead.id(), glue.actor(task), channel, outcome, note, now);
            leads.addEvent(lead.id(), new LeadEvent(now, "CONTACT_ATTEMPT", null, glue.actor(task),
                    LeadLabels.of(channel) + ": " + LeadLabels.of(outcome), note));
            execution.setVariable(CONTACT_ATTEMPTS, leads.contactAttempts(lead.id()));
            execution.setVariable(LAST_CONTACT_OUTCOME, outcome);
            execution.removeVariables(List.of(CONTACT_CHANNEL, CONTACT_OUTCOME, CONTACT_NOTE));
        };
    }

    @Bean
    JavaDelegate remindCadence() {
        return execution -> glue.remind(execution, "Task_LogContactAttempt", (String) execution.getVariable(OWNER),
                "Half of the contact window for " + glue.lead(execution).name() + " is gone: "
                        + execution.getVariable(CONTACT_ATTEMPTS) + " of " + execution.getVariable(CONTACT_ATTEMPT_TARGET)
                        + " attempts made");
    }

    /** The cadence ends without a meeting; too few attempts in the window are a breach of the agreement. */
    @Bean
    JavaDelegate closeCadence() {
        return execution -> {
            Lead lead = glue.lead(execution);
            OffsetDateTime now = EngineClock.now();
            int attempts = leads.contactAttempts(lead.id());
            int target = (Integer) execution.getVariable(CONTACT_ATTEMPT_TARGET);
            String reason;
            if (attempts >= target) {
                reason = "attempts exhausted: " + attempts + " attempts without a meeting";
            } else {
                OffsetDateTime windowEnd = utc((Date) execution.getVariable(CONTACT_WINDOW_ENDS_AT));
                ledger.breach(lead.id(), null, "CONTACT_CADENCE", lead.owner(), lead.team(), windowEnd, now);
                reason = "contact window elapsed after " + attempts + " of " + target + " attempts";
                leads.addEvent(lead.id(), new LeadEvent(now, "SLA_BREACHED", null, lead.owner(),
                        "cadence: only " + attempts + " of " + target + " contact attempts in the window", null));
            }
            glue.toNurture(execution, lead, LeadStage.RECYCLED, reason, now);
        };
    }

    @Bean
    JavaDelegate disqualifyLead() {
        return execution -> {
            Lead lead = glue.lead(execution);
            OffsetDateTime now = EngineClock.now();
            String reason = (String) execution.getVariable(DISQUALIFICATION_REASON);
            leads.changeStage(lead.id(), LeadStage.DISQUALIFIED, reason, null, now);
            leads.close(lead.id());
            leads.addEvent(lead.id(), new LeadEvent(now, "DISQUALIFIED", LeadStage.DISQUALIFIED, glue.actor(), reason,
                    null));
        };
    }
}
