package dev.handoff.event;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who hears of Handoff's events and how hard Handoff tries to tell them ({@code handoff.events}).
 *
 * @param subscribers by name (the name is what the failed-deliveries page shows); one without a url is off, so
 *                    that a url from an unset environment variable leaves it off
 * @param delivery    how the outbox is worked off
 */
@ConfigurationProperties("handoff.events")
public record EventSettings(@DefaultValue Map<String, SubscriberSettings> subscribers,
        @DefaultValue Delivery delivery) {

    /** What a subscriber speaks: signed JSON for systems, or a chat's incoming-webhook message for people. */
    public enum Kind {
        WEBHOOK, SLACK, TEAMS
    }

    /**
     * @param kind   webhook (signed JSON, e.g. a CRM), slack or teams (incoming-webhook message formats)
     * @param url    where to POST; take it from the environment (chat webhook urls are secrets themselves)
     * @param secret the HMAC-SHA256 key of a webhook's {@code Handoff-Signature}; from the environment
     * @param events the event types it wants; empty for all
     */
    public record SubscriberSettings(@DefaultValue("webhook") Kind kind, String url, String secret,
            @DefaultValue List<String> events) {
    }

    /**
     * @param enabled      whether this node delivers (every node may: rows are claimed under a lease)
     * @param pollInterval how often an idle node looks for due rows (a commit on this node wakes it at once)
     * @param batchSize    rows claimed at a time
     * @param firstRetry   the wait after the first failed attempt; it doubles with every further failure
     * @param maxRetry     the longest wait between attempts
     * @param maxAttempts  after this many failed attempts a row is failed: it shows on the failed-deliveries page
     *                     and holds back its lead's later events for that subscriber until an admin retries it
     * @param lease        how long a node may hold a claimed row; a node that crashed mid-delivery leaves it to the
     *                     others for this long (a restarted node of the same name takes its rows back at once)
     * @param timeout      connect and answer timeout of one HTTP attempt
     * @param keepDelivered how long a delivered row stays in the table (for questions about what was sent)
     */
    public record Delivery(@DefaultValue("true") boolean enabled, @DefaultValue("PT1S") Duration pollInterval,
            @DefaultValue("50") int batchSize, @DefaultValue("PT5S") Duration firstRetry,
            @DefaultValue("PT30M") Duration maxRetry, @DefaultValue("20") int maxAttempts,
            @DefaultValue("PT1M") Duration lease, @DefaultValue("PT10S") Duration timeout,
            @DefaultValue("P7D") Duration keepDelivered) {
    }
}
