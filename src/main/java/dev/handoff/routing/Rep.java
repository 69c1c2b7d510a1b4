package dev.handoff.routing;

import java.time.OffsetDateTime;

/** A rep's standing for routing: managed availability and capacity, plus the load Handoff counts. */
public record Rep(String userId, boolean active, boolean available, OffsetDateTime availableFrom, int capacity,
        OffsetDateTime lastAssignedAt, long openLeads) {

    /** Available now: marked available, or back from absence since {@code availableFrom}. */
    public boolean isAvailableAt(OffsetDateTime now) {
        return available || (availableFrom != null && !availableFrom.isAfter(now));
    }
}
