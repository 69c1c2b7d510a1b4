package dev.handoff.lead;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a lead did; points per type live in processes/engagement-points.dmn. */
public enum EngagementType {
    CONTENT_DOWNLOAD, WEBINAR, PRICING_PAGE, DEMO_REQUEST, EMAIL_CLICK, EVENT_VISIT;

    @JsonValue
    public String code() {
        return Codes.of(this);
    }

    @Override
    public String toString() {
        return code();
    }

    /** The constant for a code such as {@code demo_request}, or null when there is none. */
    public static EngagementType fromCode(String code) {
        return Codes.find(values(), code);
    }
}
