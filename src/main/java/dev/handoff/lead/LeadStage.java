package dev.handoff.lead;

import java.util.EnumSet;
import java.util.Set;

/** Where a lead stands in the funnel; the sales half of the lifecycle sets the later stages. */
public enum LeadStage {
    LEAD, ENRICHMENT, NURTURE, MQL, SAL, SQL, OPPORTUNITY, WON, LOST, RECYCLED, DISQUALIFIED;

    /** Stages a rep works: the lead counts against the owner's capacity. */
    public static final Set<LeadStage> OWNED = EnumSet.of(MQL, SAL, SQL, OPPORTUNITY);
}
