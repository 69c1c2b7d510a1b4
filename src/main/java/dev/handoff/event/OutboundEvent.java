package dev.handoff.event;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * Something other systems are told: its id is the idempotency key subscribers see, the ordering key (a lead's
 * id) keeps one subscriber's events of that key in order, and the summary is what chat subscribers read.
 *
 * @param data the event's fields besides id, type and time; values that Jackson writes as JSON
 */
public record OutboundEvent(String id, String type, String orderingKey, String leadId, OffsetDateTime occurredAt,
        String summary, Map<String, Object> data) {

    public static OutboundEvent of(String type, String leadId, OffsetDateTime occurredAt, String summary,
            Map<String, Object> data) {
        return new OutboundEvent(UUID.randomUUID().toString(), type, leadId, leadId, occurredAt, summary, data);
    }
}
