package dev.handoff.lead;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import dev.handoff.agreement.Agreement;
import dev.handoff.agreement.Agreements;

/**
 * The shared MQL definition, processes/mql-definition.dmn. Its rules run in order: any "ENRICHMENT" rule
 * (a required field is missing) wins and names the field; otherwise the first matching rule decides.
 * The version that judged a lead is kept on it, so conversion can be compared per version; it is the version the
 * agreement in force names (a model deployed from Modeler outside the agreement judges nobody), and the
 * agreement's number is kept beside it.
 */
@Component
class MqlDefinition {

    static final String KEY = "mql-definition";

    record Verdict(LeadStage stage, String reason, List<String> missingFields, int definitionVersion,
            int agreementNumber) {
    }

    private final DecisionService decisions;
    private final RepositoryService repository;
    private final Agreements agreements;

    MqlDefinition(DecisionService decisions, RepositoryService repository, Agreements agreements) {
        this.decisions = decisions;
        this.repository = repository;
        this.agreements = agreements;
    }

    Verdict judge(Lead lead, int fitPoints, BigDecimal engagementScore) {
        Agreement agreement = agreements.inForce();
        DecisionDefinition definition = repository.getDecisionDefinition(agreements.decisionId(KEY));
        DmnDecisionResult result = decisions.evaluateDecisionById(definition.getId())
                .variables(Variables.createVariables()
                        .putValue("firstName", lead.firstName())
                        .putValue("lastName", lead.lastName())
                        .putValue("jobTitle", lead.jobTitle())
                        .putValue("companySize", lead.companySize())
                        .putValue("industry", lead.industry())
                        .putValue("phone", lead.phone())
                        .putValue("email", lead.email())
                        .putValue("fitPoints", fitPoints)
                        .putValue("engagementScore", engagementScore == null ? 0.0 : engagementScore.doubleValue()))
                .evaluate();
        List<String> missing = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (DmnDecisionResultEntries rule : result) {
            if (LeadStage.ENRICHMENT.name().equals(rule.getEntry("verdict"))) {
                missing.add(rule.getEntry("missingField"));
                reasons.add(rule.getEntry("reason"));
            }
        }
        if (!missing.isEmpty()) {
            return new Verdict(LeadStage.ENRICHMENT, String.join("; ", reasons), missing, definition.getVersion(),
                    agreement.number());
        }
        if (result.isEmpty()) {
            throw new IllegalStateException(KEY + " v" + definition.getVersion() + " has no rule for lead " + lead.id()
                    + ": every lead needs a verdict (add a catch-all rule)");
        }
        DmnDecisionResultEntries first = result.get(0);
        return new Verdict(LeadStage.valueOf(first.getEntry("verdict")), first.getEntry("reason"), List.of(),
                definition.getVersion(), agreement.number());
    }
}
