package dev.handoff.sla;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import dev.handoff.agreement.Agreements;

/** The SLA targets of processes/sla-policy.dmn, by fit grade and segment, in the version the agreement names. */
@Component
public class SlaPolicy {

    public static final String KEY = "sla-policy";

    /**
     * @param acceptWithinHours  business hours a rep has to accept or reject an MQL
     * @param contactAttempts    attempts a rep makes before recycling an unreached lead
     * @param contactWindowDays  business days the follow-up cadence may take
     * @param meetingWithinDays  business days an AE has to hold the discovery meeting
     */
    public record Targets(double acceptWithinHours, int contactAttempts, int contactWindowDays, int meetingWithinDays) {
    }

    private final DecisionService decisions;
    private final Agreements agreements;

    public SlaPolicy(DecisionService decisions, Agreements agreements) {
        this.decisions = decisions;
        this.agreements = agreements;
    }

    public Targets targets(String fitGrade, String segment) {
        DmnDecisionResultEntries result = decisions.evaluateDecisionById(agreements.decisionId(KEY))
                .variables(Variables.createVariables().putValue("fitGrade", fitGrade).putValue("segment", segment))
                .evaluate().getSingleResult();
        return new Targets(((Number) result.getEntry("acceptWithinHours")).doubleValue(),
                ((Number) result.getEntry("contactAttempts")).intValue(),
                ((Number) result.getEntry("contactWindowDays")).intValue(),
                ((Number) result.getEntry("meetingWithinDays")).intValue());
    }
}
