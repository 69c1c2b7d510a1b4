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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.handoff.support.HandoffNode;
import dev.handoff.support.WebhookReceiver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Events committed before a {@code kill -9} of the node are all delivered after its restart, in order per lead:
 * the outbox is in the database, and the restarted node (same name) takes back the rows its predecessor had
 * claimed. The receiver refuses every event's first three attempts, so the kill lands while deliveries wait.
 */
class EventsAcrossCrashIT {

    static final int LEADS = 100;
    static final String SECRET = "crash-test-secret";
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eventsCommittedBeforeAKill9AreAllDeliveredAfterTheRestart(@TempDir Path work) throws Exception {
        WebhookReceiver receiver = new WebhookReceiver();
        receiver.failFirstAttempts(3);
        try (EmbeddedPostgres postgres = Resilience.postgres(work.resolve("pg"), HandoffNode.freePort());
                HandoffNode node = Resilience.node("events", work.resolve("node"), Resilience.url(postgres),
                        "--handoff.events.subscribers.crm.url=" + receiver.url("/crm"),
                        "--handoff.events.subscribers.crm.secret=" + SECRET,
                        "--handoff.events.delivery.first-retry=PT0.2S", "--handoff.events.delivery.max-retry=PT1S",
                        "--handoff.events.delivery.max-attempts=1000")) {
            String url = Resilience.url(postgres);
            node.start().awaitUp(START_UP);
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < LEADS; i++) {
                assertThat(LeadLoad.send(client, node.port(), "events-" + i + "@resilience.example").status())
                        .isEqualTo(201);
            }
            node.kill();
            long undeliveredAtKill = Resilience.count(url, "select count(*) from outbox_message where "
                    + "subscriber = 'crm' and status <> 'DELIVERED'");
            long leasedAtKill = Resilience.count(url, "select count(*) from outbox_message where lease_owner = ?",
                    "events");
            long acceptedAtKill = receiver.requests().stream().filter(r -> r.answered() == 200).count();

            node.start().awaitUp(START_UP);
            await(Duration.ofSeconds(300), "every event delivered after the restart", () -> Resilience.count(url,
                    "select count(*) from outbox_message where subscriber = 'crm' and status <> 'DELIVERED'") == 0);

            Map<String, List<String>> timeline = publishedTimeline(url);
            int events = timeline.values().stream().mapToInt(List::size).sum();
            Map<String, List<String>> arrived = new LinkedHashMap<>();
            Set<String> keys = new HashSet<>();
            int duplicates = 0;
            for (WebhookReceiver.Request request : receiver.requests()) {
                assertThat(request.header("Handoff-Signature")).isEqualTo(hmac(request.header("Handoff-Timestamp")
                        + "." + request.body()));
                if (request.answered() != 200) {
                    continue;
                }
                if (!keys.add(request.header("Idempotency-Key"))) {
                    duplicates++;
                    continue;
                }
                JsonNode event = JSON.readTree(request.body());
                arrived.computeIfAbsent(event.path("lead").path("id").asText(), k -> new ArrayList<>())
                        .add(event.path("type").asText());
            }
            log.info("Events across kill -9: {} leads, {} events, {} undelivered and {} leased at the kill, {} "
                    + "accepted before it, {} delivered again after the restart (at least once)", LEADS, events,
                    undeliveredAtKill, leasedAtKill, acceptedAtKill, duplicates);
            assertThat(undeliveredAtKill).as("the kill came while deliveries were outstanding").isPositive();
            assertThat(timeline).hasSize(LEADS);
            assertThat(keys).as("every event, none lost").hasSize(events);
            assertThat(arrived).as("each lead's events, in the order of its timeline").isEqualTo(timeline);
        } finally {
            receiver.stop();
        }
    }

    /** Per lead, the types of its published timeline entries in order, as the database has them. */
    private static Map<String, List<String>> publishedTimeline(String url) throws Exception {
        Map<String, List<String>> timeline = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select lead_id, type from lead_event where type in "
                        + "('CAPTURED', 'MQL_DEFINITION_APPLIED', 'SAL_ACCEPTED', 'SAL_REJECTED', 'SLA_BREACHED') "
                        + "order by lead_id, occurred_at, id")) {
            while (rows.next()) {
                timeline.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        return timeline;
    }

    private static String hmac(String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
