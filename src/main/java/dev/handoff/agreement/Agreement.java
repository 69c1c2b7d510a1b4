package dev.handoff.agreement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One version of the smarketing agreement: the decision versions Handoff evaluates while it is in force, the
 * targets the quarter diagnosis holds both teams to, the quarter's shared objectives, the ideal customer profile
 * and personas both teams aim at, and who signed it for marketing and for sales.
 */
public record Agreement(
        int number,
        Status status,
        LocalDate effectiveFrom,
        OffsetDateTime inForceSince,
        OffsetDateTime supersededAt,
        Decisions decisions,
        Targets targets,
        Objectives objectives,
        Catalogue catalogue,
        String summary,
        String proposedBy,
        Side proposedSide,
        OffsetDateTime proposedAt,
        Signature marketing,
        Signature sales,
        String reviewComment) {

    public enum Status {
        DRAFT, PROPOSED, IN_FORCE, SUPERSEDED, REJECTED
    }

    public enum Side {
        MARKETING, SALES
    }

    public static final String MQL_DEFINITION = "mql-definition";
    public static final String SLA_POLICY = "sla-policy";
    public static final String LEAD_ROUTING = "lead-routing";
    public static final String LEAD_FIT = "lead-fit";

    /** The versions of the shared decisions (processes/*.dmn) in force under this agreement. */
    public record Decisions(int mqlDefinition, int slaPolicy, int leadRouting, int leadFit) {

        public int version(String key) {
            return switch (key) {
                case MQL_DEFINITION -> mqlDefinition;
                case SLA_POLICY -> slaPolicy;
                case LEAD_ROUTING -> leadRouting;
                case LEAD_FIT -> leadFit;
                default -> throw new IllegalArgumentException("The agreement names no version of " + key);
            };
        }

        public Map<String, Integer> byKey() {
            Map<String, Integer> versions = new LinkedHashMap<>();
            versions.put(MQL_DEFINITION, mqlDefinition);
            versions.put(SLA_POLICY, slaPolicy);
            versions.put(LEAD_ROUTING, leadRouting);
            versions.put(LEAD_FIT, leadFit);
            return versions;
        }
    }

    /**
     * @param slaCompliance         share of SDR clocks answered before their deadline
     * @param acceptance            share of SDR decisions that accept the lead
     * @param salToSql              share of accepted leads sales qualify
     * @param definitionalShareMax  share of "below definition" rejections above which they dominate
     */
    public record Targets(double slaCompliance, double acceptance, double salToSql, double definitionalShareMax) {
    }

    /** The quarter's objectives, the same numbers for both teams; null where the agreement sets none. */
    public record Objectives(Integer mqls, Integer sqls, BigDecimal pipeline, BigDecimal wonRevenue) {
    }

    public record Signature(String by, OffsetDateTime at) {
    }

    /** Whether both sides have signed. */
    public boolean signed() {
        return marketing != null && sales != null;
    }
}
