package dev.handoff.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The outbox on a database of its own (in-memory H2 with Handoff's migrations), a clock the test moves, and as
 * many nodes (workers) on that database as a test asks for; nothing runs in the background.
 */
public final class OutboxFixture {

    /** A clock that stands still until the test moves it. */
    public static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-03-02T09:00:00Z");

        public void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    public static final EventSettings.Delivery DELIVERY = new EventSettings.Delivery(true, Duration.ofSeconds(1), 50,
            Duration.ofSeconds(1), Duration.ofSeconds(8), 5, Duration.ofMinutes(1), Duration.ofSeconds(5),
            Duration.ofDays(7));

    final DataSource dataSource;
    final JdbcClient jdbc;
    final TransactionTemplate transaction;
    final TestClock clock = new TestClock();
    final EventSettings settings;
    final Subscribers subscribers;
    final OutboxRepository repository;
    final Channels channels;
    final ObjectMapper json = new ObjectMapper();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final OutboxMetrics metrics;

    public OutboxFixture(Map<String, EventSettings.SubscriberSettings> subscribers, JavaMailSender mailSender) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        h2.setUser("sa");
        dataSource = h2;
        Flyway.configure().dataSource(dataSource).table("handoff_schema_history").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        settings = new EventSettings(subscribers, DELIVERY);
        this.subscribers = new Subscribers(settings);
        repository = new OutboxRepository(jdbc, dataSource);
        metrics = new OutboxMetrics(repository, meters);
        StaticListableBeanFactory beans = new StaticListableBeanFactory(
                mailSender == null ? Map.of() : Map.of("mailSender", mailSender));
        ObjectProvider<JavaMailSender> mail = beans.getBeanProvider(JavaMailSender.class);
        channels = new Channels(json, mail, settings, "handoff@test.example", clock);
    }

    /** The face as a node named node-a uses it (for tests outside this package). */
    public Outbox outbox() {
        return outbox(worker("node-a"));
    }

    /** Lets node-a work until nothing more can be delivered (see {@link #deliverAll(OutboxWorker...)}). */
    public void deliverAll() {
        deliverAll(worker("node-a"));
    }

    /** One pass of node-a over what is due now, without moving the clock. */
    public int deliverDue() {
        return worker("node-a").deliverDue();
    }

    /** A node delivering from this database. */
    OutboxWorker worker(String node) {
        return worker(node, DELIVERY);
    }

    /** A node delivering from this database with other delivery settings (the waits and the cap). */
    OutboxWorker worker(String node, EventSettings.Delivery delivery) {
        return new OutboxWorker(repository, subscribers, channels, delivery, transaction, node, clock, metrics);
    }

    /** The face callers use, writing rows that {@code worker} tries right after the commit. */
    Outbox outbox(OutboxWorker worker) {
        return new Outbox(repository, subscribers, worker, channels, json, clock);
    }

    public TestClock clock() {
        return clock;
    }

    public TransactionTemplate transaction() {
        return transaction;
    }

    public long rows(String status) {
        return repository.count(status);
    }

    /**
     * Lets the nodes work until nothing more can be delivered, moving the clock past every retry's wait: a round
     * that attempts nothing after such a move means every row left is delivered, failed or held back by one.
     */
    void deliverAll(OutboxWorker... workers) {
        boolean idleAfterMove = false;
        for (int round = 0; round < 500; round++) {
            int attempted = 0;
            for (OutboxWorker worker : workers) {
                attempted += worker.deliverDue();
            }
            if (attempted == 0 && idleAfterMove) {
                return;
            }
            idleAfterMove = attempted == 0;
            clock.advance(DELIVERY.maxRetry());
        }
        throw new AssertionError("The outbox was still delivering after 500 rounds");
    }
}
