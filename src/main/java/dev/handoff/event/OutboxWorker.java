package dev.handoff.event;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.handoff.platform.EngineClock;
import dev.handoff.platform.NodeId;

/**
 * Works off the outbox on this node: claims due rows under a lease, delivers them one by one and records the
 * outcome; a failed attempt is retried after a wait that doubles each time. Every node may run one; what one node
 * has leased the others leave alone until the lease expires. Its "now" is Handoff's clock, the engine's (see
 * {@link EngineClock}), so that a test moves the outbox's retries with the engine's timers.
 */
@Component
class OutboxWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

    private final OutboxRepository outbox;
    private final Subscribers subscribers;
    private final Channels channels;
    private final EventSettings.Delivery settings;
    private final TransactionTemplate transaction;
    private final String node;
    private final Clock clock;
    private final OutboxMetrics metrics;
    private final Semaphore wake = new Semaphore(0);
    private volatile OffsetDateTime nextPurge;
    private volatile Thread thread;
    private volatile boolean running;

    @Autowired
    OutboxWorker(OutboxRepository outbox, Subscribers subscribers, Channels channels, EventSettings settings,
            TransactionTemplate transaction, NodeId node, OutboxMetrics metrics) {
        this(outbox, subscribers, channels, settings.delivery(), transaction, node.value(), EngineClock.clock(),
                metrics);
    }

    OutboxWorker(OutboxRepository outbox, Subscribers subscribers, Channels channels,
            EventSettings.Delivery settings, TransactionTemplate transaction, String node, Clock clock,
            OutboxMetrics metrics) {
        this.outbox = outbox;
        this.subscribers = subscribers;
        this.channels = channels;
        this.settings = settings;
        this.transaction = transaction;
        this.node = node;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Rows were committed: look now rather than at the next poll. */
    void wake() {
        wake.release();
    }

    /**
     * Claims and delivers every row that is due now, in as many batches as it takes.
     *
     * @return how many rows were attempted
     */
    int deliverDue() {
        int attempted = 0;
        while (true) {
            List<Long> claimed = claimBatch();
            if (claimed.isEmpty()) {
                return attempted;
            }
            claimed.forEach(this::attempt);
            attempted += claimed.size();
        }
    }

    /** Tries these rows now, in this thread, if they can be claimed (mail right after its commit). */
    void deliverNow(Collection<Long> ids) {
        for (long id : ids) {
            OffsetDateTime now = now();
            if (outbox.claim(id, node, now, now.plus(settings.lease()))) {
                attempt(id);
            }
        }
    }

    private List<Long> claimBatch() {
        OffsetDateTime now = now();
        OffsetDateTime until = now.plus(settings.lease());
        List<Long> claimed = transaction.execute(status -> {
            List<Long> mine = new ArrayList<>();
            for (long id : outbox.claimable(now, settings.batchSize())) {
                if (outbox.claim(id, node, now, until)) {
                    mine.add(id);
                }
            }
            return mine;
        });
        return claimed == null ? List.of() : claimed;
    }

    private void attempt(long id) {
        OutboxRepository.Row row = outbox.find(id).orElse(null);
        if (row == null) {
            return; // erased meanwhile
        }
        try {
            if (Subscribers.EMAIL.equals(row.subscriber())) {
                channels.mail(row);
            } else {
                Subscribers.Subscriber subscriber = subscribers.named(row.subscriber())
                        .orElseThrow(() -> new Channels.DeliveryFailure("subscriber " + row.subscriber()
                                + " is no longer configured", null));
                channels.send(row, subscriber);
            }
            outbox.delivered(id, node, now());
            metrics.attempted(row.subscriber(), true);
        } catch (Channels.DeliveryFailure | RuntimeException e) {
            int attempts = row.attempts() + 1;
            boolean givenUp = attempts >= settings.maxAttempts();
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            outbox.failedAttempt(id, node, error.substring(0, Math.min(1000, error.length())),
                    now().plus(backoff(attempts)), givenUp);
            metrics.attempted(row.subscriber(), false);
            if (givenUp) {
                log.error("Outbox row {} ({} to {}) failed {} times and waits for an admin: {}", id,
                        row.eventType(), row.subscriber(), attempts, error);
            } else {
                log.warn("Outbox row {} ({} to {}) failed attempt {}: {}; retrying in {}", id, row.eventType(),
                        row.subscriber(), attempts, error, backoff(attempts));
            }
        }
    }

    /** Once an hour: delivered rows older than {@code keep-delivered} are deleted; returns how many. */
    int purgeDelivered() {
        OffsetDateTime now = now();
        if (nextPurge != null && now.isBefore(nextPurge)) {
            return 0;
        }
        nextPurge = now.plusHours(1);
        return outbox.deleteDelivered(now.minus(settings.keepDelivered()));
    }

    /** The wait after the n-th failed attempt: the first retry's wait, doubled per further failure, capped. */
    Duration backoff(int failedAttempts) {
        Duration wait = settings.firstRetry();
        for (int i = 1; i < failedAttempts && wait.compareTo(settings.maxRetry()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : wait;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private void run() {
        while (running) {
            try {
                deliverDue();
                purgeDelivered();
                Duration sleep = settings.pollInterval();
                var due = outbox.nextDue();
                if (due.isPresent()) {
                    Duration untilDue = Duration.between(now(), due.get());
                    if (untilDue.compareTo(sleep) < 0) {
                        sleep = untilDue.isNegative() ? Duration.ofMillis(10) : untilDue.plusMillis(5);
                    }
                }
                if (wake.tryAcquire(sleep.toMillis(), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database is away (or the like): try again at the next poll.
                log.warn("Outbox delivery paused: {}", e.getMessage());
                try {
                    Thread.sleep(settings.pollInterval().toMillis());
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** What this node (by name) had leased when it stopped, crashed or not, is claimable again at once. */
    void releaseOwnLeases() {
        try {
            int released = outbox.releaseLeases(node);
            if (released > 0) {
                log.warn("Node {} took back {} outbox rows it was delivering when it stopped", node, released);
            }
        } catch (RuntimeException e) {
            log.warn("Outbox leases of node {} not released (they expire): {}", node, e.getMessage());
        }
    }

    @Override
    public void start() {
        if (!settings.enabled() || running) {
            return;
        }
        releaseOwnLeases();
        running = true;
        thread = new Thread(this::run, "handoff-outbox");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
