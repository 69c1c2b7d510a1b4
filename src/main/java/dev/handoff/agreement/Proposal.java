package dev.handoff.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a proposal changes in the agreement in force; a null field keeps what is in force. Marketing proposes
 * the MQL definition and lead fit (scoring), sales managers the SLA ladder, routing and the targets; either side
 * the quarter's shared objectives and the catalogue both teams own (the ideal customer profile, the personas:
 * a list given replaces the one in force).
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
        Catalogue.Icp icp,
        List<Catalogue.Persona> personas,
        LocalDate effectiveFrom,
        String summary) {
}
