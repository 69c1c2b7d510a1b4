package dev.handoff.lead;

/** Where a lead stands in the funnel; the sales half of the lifecycle sets the later stages. */
public enum LeadStage {
    LEAD, ENRICHMENT, NURTURE, MQL, SAL, SQL, OPPORTUNITY, WON, LOST, RECYCLED, DISQUALIFIED;
}
