package dev.handoff.lead;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a lead came from, as integrators send it. */
public enum LeadSource {
    INBOUND, OUTBOUND, EVENT, PARTNER, REFERRAL;

    @JsonValue
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return code();
    }

    /** The constant for a code such as {@code inbound}, or null when there is none. */
    public static LeadSource fromCode(String code) {
        for (LeadSource value : values()) {
            if (value.code().equalsIgnoreCase(code == null ? "" : code.trim())) {
                return value;
            }
        }
        return null;
    }
}
