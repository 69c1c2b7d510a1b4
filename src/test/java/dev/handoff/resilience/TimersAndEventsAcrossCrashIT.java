package dev.handoff.resilience;

import static dev.handoff.resilience.Resilience.START_UP;
import static dev.handoff.resilience.Resilience.await;
import static dev.handoff.resilience.Resilience.log;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.handoff.support.HandoffNode;
import dev.handoff.support.WebhookReceiver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One {@code kill -9} in the middle of a breach storm, with events still on their way to a webhook, and two
 * promises checked after the restart on the same PostgreSQL:
 * <ul>
 * <li>SLA breaches due while the node crashes are each handled once, and soon after it is back: the restarted node
 * releases the job locks its predecessor of the same name held instead of waiting for them to expire. The node runs
 * with the engine's default five-minute lock here, so that only the release can explain a quick recovery.</li>
 * <li>Events committed before the kill are all delivered after the restart, in order per lead: the outbox is in
 * the database, and the restarted node takes back the rows its predecessor had claimed. The receiver refuses every
 * event's first three attempts, so the kill lands while deliveries wait.</li>
 * </ul>
 * (One crash for both, since each start of a node costs more than the checks: the suite has a time budget.)
 */
class TimersAndEventsAcrossCrashIT {

    /**
     * Enough that the kill lands with breaches handled, breaches locked and breaches not yet acquired (ten are
     * acquired at a time), and with deliveries outstanding; the 200 of before took 40 s more of the suite's budget.
     */
    static final int LEADS = 100;
    /** Far below the five-minute lock the dead JVM's jobs would otherwise wait for. */
    static final Duration BOUND = Duration.ofSeconds(120);
    static final String SECRET = "crash-test-secret";
    static final ObjectMapper JSON = new ObjectMapper();
    /** The timeline types that are published (lead/PublishedEvents), as an SQL list. */
    static final String PUBLISHED = "'CAPTURED', 'MQL_DEFINITION_APPLIED', 'SAL_ACCEPTED', 'SAL_REJECTED', "
            + "'REJECTION_ACCEPTED', 'REJECTION_DISPUTED', 'REJECTION_UPHELD', 'REJECTION_OVERTURNED', "
            + "'HANDED_TO_AE', 'OPPORTUNITY', 'WON', 'LOST', 'NURTURE', 'RECYCLED', 'DISQUALIFIED', 'SLA_BREACHED', "
            + "'ESCALATED', 'REASSIGNED', 'TAKEN_OVER'";

    @Test
    void breachesAndEventsDueAcrossAKill9AreEachHandledOnceAfterTheRestart(@TempDir Path work) throws Exception {
        WebhookReceiver receiver = new WebhookReceiver();
        receiver.failFirstAttempts(3);
        try (EmbeddedPostgres postgres = Resilience.postgres(work.resolve("pg"), HandoffNode.freePort());
                HandoffNode node = Resilience.node("timers", work.resolve("node"), Resilience.url(postgres),
                        "--camunda.bpm.job-execution.lock-time-in-millis=300000",
                        "--handoff.events.subscribers.crm.url=" + receiver.url("/crm"),
                        "--handoff.events.subscribers.crm.secret=" + SECRET,
                        "--handoff.events.delivery.first-retry=PT0.2S", "--handoff.events.delivery.max-retry=PT1S",
                        "--handoff.events.delivery.max-attempts=1000")) {
            String url = Resilience.url(postgres);
            node.start().awaitUp(START_UP);
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < LEADS; i++) {
                assertThat(LeadLoad.send(client, node.port(), "timer-" + i + "@resilience.example").status())
                        .isEqualTo(201);
            }
            assertThat(Resilience.makeAcceptBreachesDue(url)).isEqualTo(LEADS);

            await(Duration.ofSeconds(180), "breaches firing with jobs locked", () -> Resilience.leadsBreached(url) >= 10
                    && Resilience.count(url, "select count(*) from ACT_RU_JOB where LOCK_OWNER_ = ?", "timers") > 0);
            node.kill();
            long handledBeforeKill = Resilience.leadsBreached(url);
            Map<String, Timestamp> lockedByTheDead = locks(url, "timers");
            long undeliveredAtKill = Resilience.count(url, "select count(*) from outbox_message where "
                    + "subscriber = 'crm' and status <> 'DELIVERED'");
            long leasedAtKill = Resilience.count(url, "select count(*) from outbox_message where lease_owner = ?",
                    "timers");
            long acceptedAtKill = receiver.requests().stream().filter(r -> r.answered() == 200).count();

            long restarted = System.nanoTime();
            node.start().awaitUp(START_UP);
            long up = System.nanoTime();
            Map<String, Timestamp> afterRestart = locks(url, "timers");
            long stillHeld = lockedByTheDead.entrySet().stream()
                    .filter(e -> e.getValue().equals(afterRestart.get(e.getKey()))).count();

            await(BOUND, "every breach handled after the restart", () -> Resilience.leadsBreached(url) == LEADS);
            long done = System.nanoTime();
            long twice = Resilience.leadsBreachedTwice(url);
            log.info("Breach timers across kill -9: {} due, {} handled before the kill, {} jobs locked by the dead "
                    + "JVM ({} still held after the restart), restart to up {} s, up to all {} handled {} s, handled "
                    + "twice {}", LEADS, handledBeforeKill, lockedByTheDead.size(), stillHeld,
                    Resilience.seconds(restarted, up), LEADS, Resilience.seconds(up, done), twice);
            await(Duration.ofSeconds(300), "every event delivered after the restart", () -> Resilience.count(url,
                    "select count(*) from outbox_message where subscriber = 'crm' and status <> 'DELIVERED'") == 0);
            Delivered delivered = delivered(receiver);
            Map<String, List<String>> timeline = publishedTimeline(url);
            int events = timeline.values().stream().mapToInt(List::size).sum();
            log.info("Events across kill -9: {} leads, {} events, {} undelivered and {} leased at the kill, {} "
                    + "accepted before it, {} delivered again after the restart (at least once)", LEADS, events,
                    undeliveredAtKill, leasedAtKill, acceptedAtKill, delivered.again);

            SoftAssertions softly = new SoftAssertions();
            softly.assertThat(lockedByTheDead).as("jobs the dead JVM had locked").isNotEmpty();
            softly.assertThat(stillHeld).as("stale locks left after the restart").isZero();
            softly.assertThat(twice).as("leads breached twice").isZero();
            softly.assertThat(Resilience.count(url, "select count(*) from sla_breach where kind = 'ACCEPT'"))
                    .isEqualTo(LEADS);
            softly.assertThat(undeliveredAtKill).as("the kill came while deliveries were outstanding").isPositive();
            softly.assertThat(timeline).hasSize(LEADS);
            softly.assertThat(delivered.keys).as("every event, none lost").hasSize(events);
            softly.assertThat(delivered.byLead).as("each lead's events, in the order of its timeline")
                    .isEqualTo(timeline);
            softly.assertThat(delivered.badSignatures).as("requests with a wrong signature").isZero();
            softly.assertAll();
        } finally {
            receiver.stop();
        }
    }

    /** What the receiver accepted: the distinct idempotency keys, each lead's event types in order, repeats. */
    record Delivered(Set<String> keys, Map<String, List<String>> byLead, int again, int badSignatures) {
    }

    private static Delivered delivered(WebhookReceiver receiver) throws Exception {
        Map<String, List<String>> byLead = new LinkedHashMap<>();
        Set<String> keys = new HashSet<>();
        int again = 0;
        int badSignatures = 0;
        for (WebhookReceiver.Request request : receiver.requests()) {
            if (!hmac(request.header("Handoff-Timestamp") + "." + request.body())
                    .equals(request.header("Handoff-Signature"))) {
                badSignatures++;
            }
            if (request.answered() != 200) {
                continue;
            }
            if (!keys.add(request.header("Idempotency-Key"))) {
                again++;
                continue;
            }
            JsonNode event = JSON.readTree(request.body());
            byLead.computeIfAbsent(event.path("lead").path("id").asText(), k -> new ArrayList<>())
                    .add(event.path("type").asText());
        }
        return new Delivered(keys, byLead, again, badSignatures);
    }

    /** Per lead, the types of its published timeline entries in order, as the database has them. */
    private static Map<String, List<String>> publishedTimeline(String url) throws Exception {
        Map<String, List<String>> timeline = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select lead_id, type from lead_event where type in ("
                        + PUBLISHED + ") order by lead_id, occurred_at, id")) {
            while (rows.next()) {
                timeline.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        return timeline;
    }

    private static Map<String, Timestamp> locks(String url, String owner) throws Exception {
        Map<String, Timestamp> locks = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select ID_, LOCK_EXP_TIME_ from ACT_RU_JOB where LOCK_OWNER_ = '" + owner + "'")) {
            while (rows.next()) {
                locks.put(rows.getString(1), rows.getTimestamp(2));
            }
        }
        return locks;
    }

    private static String hmac(String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
