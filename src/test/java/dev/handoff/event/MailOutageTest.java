package dev.handoff.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.handoff.support.HandoffNode;

/**
 * Mails through the outbox while the SMTP server (GreenMail) is away, with the delivery settings' defaults (5 s
 * doubling, at most 30 min between attempts) and a clock the test moves to each retry: the outage costs time,
 * never the mail.
 */
class MailOutageTest {

    /** handoff.events.delivery as bound without configuration: the defaults of {@link EventSettings.Delivery}. */
    static final EventSettings.Delivery DEFAULTS = Binder.get(new org.springframework.core.env.StandardEnvironment())
            .bindOrCreate("handoff.events", EventSettings.class).delivery();

    GreenMail smtp;
    OutboxFixture fixture;
    OutboxWorker node;
    Outbox outbox;

    @BeforeEach
    void setUp() {
        smtp = new GreenMail(new ServerSetup(HandoffNode.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.getSmtp().getPort());
        fixture = new OutboxFixture(Map.of(), sender);
        node = fixture.worker("node-a", DEFAULTS);
        outbox = fixture.outbox(node);
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    @Test
    void theDefaultsWaitFiveSecondsDoublingUpToHalfAnHourAndFailARowAfterTwentyAttempts() {
        assertThat(DEFAULTS.firstRetry()).isEqualTo(Duration.ofSeconds(5));
        assertThat(DEFAULTS.maxRetry()).isEqualTo(Duration.ofMinutes(30));
        assertThat(DEFAULTS.maxAttempts()).isEqualTo(20);
        assertThat(List.of(1, 2, 3, 4, 10, 11, 19).stream().map(node::backoff)).containsExactly(
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
                Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(30));
    }

    @Test
    void withSmtpDownForAMinuteTheMailArrivesAtTheFirstRetryAfterItIsBack() throws Exception {
        List<Duration> attempts = outage(Duration.ofMinutes(1));
        assertThat(attempts).as("failed attempts, after the mail was written").containsExactly(Duration.ZERO,
                Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(35));

        Duration arrived = deliveredAfterRecovery();
        assertThat(arrived).as("the retry after 35 s waits 40 s").isEqualTo(Duration.ofSeconds(75));
        assertThat(smtp.getReceivedMessages()).singleElement()
                .satisfies(m -> assertThat(m.getSubject()).isEqualTo("Overdue lead"));
    }

    @Test
    void withSmtpDownForAnHourTheMailArrivesWithinTheLongestWaitAfterItIsBack() throws Exception {
        List<Duration> attempts = outage(Duration.ofHours(1));
        assertThat(attempts).hasSize(10).last().isEqualTo(Duration.ofSeconds(2555));
        List<Duration> waits = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
            waits.add(attempts.get(i).minus(attempts.get(i - 1)));
        }
        assertThat(waits).as("doubling").startsWith(Duration.ofSeconds(5), Duration.ofSeconds(10))
                .allMatch(w -> w.compareTo(DEFAULTS.maxRetry()) <= 0);

        Duration arrived = deliveredAfterRecovery();
        assertThat(arrived.minus(Duration.ofHours(1))).as("after recovery: at most the cap")
                .isPositive().isLessThanOrEqualTo(DEFAULTS.maxRetry());
        assertThat(arrived).as("2555 s plus the capped wait").isEqualTo(Duration.ofSeconds(2555 + 1800));
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(fixture.rows(OutboxRepository.FAILED)).isZero();
        assertThat(fixture.meters.get("handoff.outbox.attempts").tag("subscriber", Subscribers.EMAIL)
                .tag("outcome", "failed").counter().count()).isEqualTo(10);
        assertThat(fixture.meters.get("handoff.outbox.attempts").tag("outcome", "delivered").counter().count())
                .isEqualTo(1);
        assertThat(fixture.meters.get("handoff.outbox.pending").gauge().value()).isZero();
    }

    private Instant written;

    /**
     * Stops SMTP, queues a mail and moves the clock to each retry until {@code outage} has passed; then starts
     * SMTP again. Returns when each failed attempt was made, counted from the mail's commit.
     */
    private List<Duration> outage(Duration outage) {
        smtp.stop();
        written = fixture.clock().instant();
        fixture.transaction().executeWithoutResult(status -> outbox.sendMail("sally@handoff.example",
                "Overdue lead", "Reassign it or take it over in Tasklist.", "lead-1"));
        List<Duration> attempts = new ArrayList<>();
        attempts.add(Duration.ZERO); // tried right after the commit
        assertThat(fixture.repository.failed(10)).isEmpty();
        while (true) {
            Instant due = fixture.repository.nextDue().orElseThrow().toInstant();
            if (due.isAfter(written.plus(outage))) {
                break;
            }
            fixture.clock().advance(Duration.between(fixture.clock().instant(), due));
            assertThat(node.deliverDue()).as("attempted when due").isOne();
            attempts.add(Duration.between(written, due));
        }
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(fixture.rows(OutboxRepository.PENDING)).isOne();
        fixture.clock().advance(Duration.between(fixture.clock().instant(), written.plus(outage)));
        smtp.start();
        return attempts;
    }

    /** Moves the clock to the next retry and lets the node deliver; returns when, counted from the commit. */
    private Duration deliveredAfterRecovery() {
        Instant due = fixture.repository.nextDue().orElseThrow().toInstant();
        fixture.clock().advance(Duration.between(fixture.clock().instant(), due).minusMillis(1));
        assertThat(node.deliverDue()).as("not before it is due").isZero();
        fixture.clock().advance(Duration.ofMillis(1));
        assertThat(node.deliverDue()).isOne();
        assertThat(fixture.rows(OutboxRepository.PENDING)).isZero();
        return Duration.between(written, due);
    }
}
