package dev.handoff.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a proposal changes in the agreement in force; a null field keeps what is in force. Marketing proposes
 * the MQL definition and lead fit (scoring), sales managers the SLA ladder, routing and the targets; either side
 * the quarter's shared objectives.
 */
public record Proposal(
        Integer mqlDefinitionVersion,
        Integer slaPolicyVersion,
        Integer leadRoutingVersion,
        Integer leadFitVersion,
        Double targetSlaCompliance,
        Double targetAcceptance,
        Double targetSalToSql,
        Double targetDefinitionalShareMax,
        Integer objectiveMqls,
        Integer objectiveSqls,
        BigDecimal objectivePipeline,
        BigDecimal objectiveWonRevenue,
        LocalDate effectiveFrom,
        String summary) {
}
