package dev.handoff.report;

/** Narrows a report to one team, rep, lead source or campaign; null means all. */
public record Filter(String team, String rep, String source, String campaign) {

    static final Filter NONE = new Filter(null, null, null, null);

    boolean byLead() {
        return source != null || campaign != null;
    }
}
