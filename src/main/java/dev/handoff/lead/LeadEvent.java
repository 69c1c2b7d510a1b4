package dev.handoff.lead;

import java.time.OffsetDateTime;

/** One entry of a lead's timeline. */
public record LeadEvent(OffsetDateTime occurredAt, String type, LeadStage stage, String actor, String reason,
        String detail) {
}
