package dev.handoff.lead;

import static dev.handoff.lead.LeadVariables.*;
import static dev.handoff.lead.StageValues.oneOf;
import static dev.handoff.lead.StageValues.text;

import java.time.OffsetDateTime;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.handoff.platform.EngineClock;

/**
 * The glue of a rejection below the MQL definition: marketing ops review it, a disputed rejection goes to a sales
 * manager's arbitration (final), and an accepted or upheld rejection returns the lead to nurture.
 */
@Configuration
class RejectionDelegates {

    private final LeadRepository leads;
    private final StageGlue glue;

    RejectionDelegates(LeadRepository leads, StageGlue glue) {
        this.leads = leads;
        this.glue = glue;
    }

    @Bean
    TaskListener recordRejectionReview() {
        return task -> {
            String decision = oneOf(task.getVariable(REVIEW_DECISION), REVIEW_DECISION, Set.of("accept", "dispute"));
            DelegateExecution execution = task.getExecution();
            leads.reviewRejection(((Number) execution.getVariable(REJECTION_ID)).longValue(),
                    decision.equals("accept") ? "ACCEPTED" : "DISPUTED", glue.actor(task));
            leads.addEvent(glue.lead(execution).id(), new LeadEvent(EngineClock.now(),
                    decision.equals("accept") ? "REJECTION_ACCEPTED" : "REJECTION_DISPUTED", null, glue.actor(task),
                    text(task.getVariable(REVIEW_NOTE)), null));
        };
    }

    /** A sales manager's arbitration of a disputed rejection is final. */
    @Bean
    TaskListener recordArbitration() {
        return task -> {
            String decision = oneOf(task.getVariable(ARBITRATION_DECISION), ARBITRATION_DECISION,
                    Set.of("uphold", "overturn"));
            DelegateExecution execution = task.getExecution();
            OffsetDateTime now = EngineClock.now();
            leads.arbitrateRejection(((Number) execution.getVariable(REJECTION_ID)).longValue(),
                    decision.equals("uphold") ? "UPHELD" : "OVERTURNED", glue.actor(task), now);
            leads.addEvent(glue.lead(execution).id(), new LeadEvent(now,
                    decision.equals("uphold") ? "REJECTION_UPHELD" : "REJECTION_OVERTURNED", null, glue.actor(task),
                    text(task.getVariable(ARBITRATION_NOTE)), "final"));
        };
    }

    @Bean
    JavaDelegate returnToNurture() {
        return execution -> {
            String reason = "uphold".equals(execution.getVariable(ARBITRATION_DECISION))
                    ? "below the MQL definition: rejection upheld in arbitration"
                    : "below the MQL definition: marketing accepted the rejection";
            glue.toNurture(execution, glue.lead(execution), LeadStage.NURTURE, reason, EngineClock.now());
        };
    }
}
