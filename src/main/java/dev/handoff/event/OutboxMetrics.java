package dev.handoff.event;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.handoff.platform.EngineClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The outbox as monitoring sees it ({@code /actuator/metrics}, {@code /actuator/prometheus}, for camunda-admin):
 * the backlog of pending rows and the age of its oldest, the failed rows waiting for an admin, and the attempts
 * per subscriber by outcome. An outbox row is no engine job, so Cockpit shows no incident for it; these and the
 * dashboard's failed-deliveries section are where admins look.
 */
@Component
class OutboxMetrics {

    private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);

    private final MeterRegistry registry;

    OutboxMetrics(OutboxRepository outbox, MeterRegistry registry) {
        this.registry = registry;
        gauge("handoff.outbox.pending", "Outbox rows not yet delivered and still retried", "rows",
                () -> outbox.count(OutboxRepository.PENDING));
        gauge("handoff.outbox.failed", "Outbox rows that failed every attempt and wait for an admin's retry",
                "rows", () -> outbox.count(OutboxRepository.FAILED));
        gauge("handoff.outbox.pending.oldest", "How long the oldest pending outbox row has waited", "seconds",
                () -> outbox.oldestPending().map(created -> Duration.between(created, EngineClock.now()).toSeconds())
                        .orElse(0L));
    }

    /** One attempt to deliver a row to {@code subscriber} (a configured name, or {@code email}). */
    void attempted(String subscriber, boolean delivered) {
        Counter.builder("handoff.outbox.attempts").description("Delivery attempts per subscriber and outcome")
                .tag("subscriber", subscriber).tag("outcome", delivered ? "delivered" : "failed")
                .register(registry).increment();
    }

    private void gauge(String name, String description, String unit, Supplier<Number> value) {
        Gauge.builder(name, () -> {
            try {
                return value.get();
            } catch (RuntimeException e) {
                // The database is away: no figure rather than a wrong one.
                log.debug("{} not read: {}", name, e.getMessage());
                return Double.NaN;
            }
        }).description(description).baseUnit(unit).register(registry);
    }
}
