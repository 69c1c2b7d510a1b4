package dev.handoff.lead;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import dev.handoff.agreement.Agreements;
import dev.handoff.agreement.Agreement;
import dev.handoff.agreement.Catalogue;

/**
 * Scores with the decisions process owners edit: processes/lead-fit.dmn for fit, and
 * processes/engagement-points.dmn for points per engagement, which decay with a configurable half-life. Fit is
 * evaluated in the version the agreement in force names, not the latest one deployed.
 */
@Component
class LeadScoring {

    static final String FIT_DECISION = "lead-fit";
    static final String ENGAGEMENT_DECISION = "engagement-points";

    /** Fit points and grade, and the key of the persona of the agreement's catalogue the job title matched. */
    record Fit(int points, String grade, String persona) {
    }

    private final DecisionService decisions;
    private final RepositoryService repository;
    private final LeadSettings settings;
    private final Agreements agreements;
    private final Map<String, Integer> pointsByVersion = new ConcurrentHashMap<>();

    LeadScoring(DecisionService decisions, RepositoryService repository, LeadSettings settings,
            Agreements agreements) {
        this.decisions = decisions;
        this.repository = repository;
        this.settings = settings;
        this.agreements = agreements;
    }

    /**
     * The lead's fit in the agreement's lead-fit version, the persona its job title matches in the agreement's
     * catalogue an input of it ("unmatched" for none).
     */
    Fit fit(Lead lead) {
        Agreement agreement = agreements.inForce();
        String persona = Catalogue.of(agreement).match(lead.jobTitle()).map(Catalogue.Persona::key).orElse(null);
        DmnDecisionResultEntries result = decisions.evaluateDecisionById(agreements.decisionId(agreement,
                FIT_DECISION))
                .variables(Variables.createVariables()
                        .putValue("jobTitle", lead.jobTitle())
                        .putValue("persona", persona == null ? Catalogue.UNMATCHED : persona)
                        .putValue("companySize", lead.companySize())
                        .putValue("industry", lead.industry()))
                .evaluate().getSingleResult();
        return new Fit(((Number) result.getEntry("fitPoints")).intValue(), result.getEntry("fitGrade"), persona);
    }

    BigDecimal engagementScore(List<Engagement> engagements, OffsetDateTime now) {
        Map<EngagementType, Integer> points = new EnumMap<>(EngagementType.class);
        if (engagements.isEmpty()) {
            return BigDecimal.ZERO.setScale(2);
        }
        String table = repository.createDecisionDefinitionQuery().decisionDefinitionKey(ENGAGEMENT_DECISION)
                .latestVersion().singleResult().getId();
        double halfLife = settings.engagementHalfLife().toSeconds();
        double score = 0;
        for (Engagement engagement : engagements) {
            int base = points.computeIfAbsent(engagement.type(), type -> points(table, type));
            double age = Math.max(0, Duration.between(engagement.occurredAt(), now).toSeconds());
            score += base * Math.pow(0.5, age / halfLife);
        }
        return BigDecimal.valueOf(score).setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * Points per type depend on nothing but the deployed table, so they are evaluated once per version of
     * it: re-scoring a lead with many engagements, or importing thousands, does not evaluate the table again.
     */
    private int points(String definitionId, EngagementType type) {
        return pointsByVersion.computeIfAbsent(definitionId + "/" + type, key -> {
            Object points = decisions.evaluateDecisionById(definitionId)
                    .variables(Variables.createVariables().putValue("type", type.code()))
                    .evaluate().getSingleEntry();
            return points == null ? 0 : ((Number) points).intValue();
        });
    }
}
