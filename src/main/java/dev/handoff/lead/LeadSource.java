package dev.handoff.lead;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a lead came from, as integrators send it. */
public enum LeadSource {
    INBOUND, OUTBOUND, EVENT, PARTNER, REFERRAL;

    @JsonValue
    public String code() {
        return Codes.of(this);
    }

    @Override
    public String toString() {
        return code();
    }

    /** The constant for a code such as {@code inbound}, or null when there is none. */
    public static LeadSource fromCode(String code) {
        return Codes.find(values(), code);
    }
}
