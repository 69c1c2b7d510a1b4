package dev.handoff.lead;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;

/** One thing a lead did, when it did it. */
public record Engagement(
        @NotNull(message = "is required") EngagementType type,
        @NotNull(message = "is required") @PastOrPresent(message = "must not be in the future") OffsetDateTime occurredAt) {

    /** Kept to the millisecond in UTC, so a resent engagement is recognised whatever precision the database has. */
    public Engagement {
        if (occurredAt != null) {
            occurredAt = occurredAt.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        }
    }
}
