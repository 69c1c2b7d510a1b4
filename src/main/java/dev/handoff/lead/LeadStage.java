package dev.handoff.lead;

import java.util.EnumSet;
import java.util.Set;

/** Where a lead stands in the funnel; the sales half of the lifecycle sets the later stages. */
public enum LeadStage {
    LEAD, ENRICHMENT, NURTURE, MQL, SAL, SQL, OPPORTUNITY, WON, LOST, RECYCLED, DISQUALIFIED;

    /** Stages after which a new submission with the same email starts a new lead. */
    public static final Set<LeadStage> ENDED = EnumSet.of(WON, LOST, RECYCLED, DISQUALIFIED);

    public boolean isEnded() {
        return ENDED.contains(this);
    }
}
