package dev.handoff.lead;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;

/** One thing a lead did, when it did it. */
public record Engagement(
        @NotNull(message = "is required") EngagementType type,
        @NotNull(message = "is required") @PastOrPresent(message = "must not be in the future") OffsetDateTime occurredAt) {
}
