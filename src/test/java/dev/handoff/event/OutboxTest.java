package dev.handoff.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.handoff.event.EventSettings.Kind;
import dev.handoff.event.EventSettings.SubscriberSettings;
import dev.handoff.support.WebhookReceiver;

/** The outbox against a real HTTP receiver and a real database, with the clock as input. */
class OutboxTest {

    static final String SECRET = "outbox-test-secret";
    static final ObjectMapper JSON = new ObjectMapper();

    WebhookReceiver receiver;
    OutboxFixture fixture;
    OutboxWorker node;
    Outbox outbox;

    @BeforeEach
    void setUp() throws Exception {
        receiver = new WebhookReceiver();
        Map<String, SubscriberSettings> subscribers = new LinkedHashMap<>();
        subscribers.put("crm", new SubscriberSettings(Kind.WEBHOOK, receiver.url("/crm"), SECRET, List.of()));
        subscribers.put("slack", new SubscriberSettings(Kind.SLACK, receiver.url("/slack"), null,
                List.of("SLA_BREACHED")));
        subscribers.put("teams", new SubscriberSettings(Kind.TEAMS, receiver.url("/teams"), null,
                List.of("SLA_BREACHED")));
        subscribers.put("off", new SubscriberSettings(Kind.WEBHOOK, "", null, List.of()));
        fixture = new OutboxFixture(subscribers, null);
        node = fixture.worker("node-a");
        outbox = fixture.outbox(node);
    }

    @AfterEach
    void stop() {
        receiver.stop();
    }

    @Test
    void aChangeThatRollsBackSendsNothing() {
        fixture.transaction().executeWithoutResult(status -> {
            outbox.publish(event("lead-1", "SAL_ACCEPTED"));
            status.setRollbackOnly();
        });
        fixture.deliverAll(node);
        assertThat(receiver.requests()).isEmpty();
        assertThat(fixture.rows(OutboxRepository.PENDING)).isZero();
    }

    @Test
    void aCommittedEventWaitsInTheOutboxUntilANodeDeliversIt() {
        fixture.transaction().executeWithoutResult(status -> outbox.publish(event("lead-1", "SAL_ACCEPTED")));
        assertThat(receiver.requests()).as("webhooks are left to the worker").isEmpty();
        assertThat(fixture.rows(OutboxRepository.PENDING)).isEqualTo(1);

        fixture.deliverAll(fixture.worker("another-node"));
        assertThat(receiver.requests()).hasSize(1);
        assertThat(fixture.rows(OutboxRepository.DELIVERED)).isEqualTo(1);
    }

    @Test
    void everyEventArrivesOnceSignedAndInOrderPerLeadAfterThreeRefusals() throws Exception {
        receiver.failFirstAttempts(3);
        List<OutboundEvent> published = new ArrayList<>();
        for (String type : List.of("CAPTURED", "MQL_DEFINITION_APPLIED", "SAL_ACCEPTED", "HANDED_TO_AE")) {
            for (String lead : List.of("lead-1", "lead-2", "lead-3")) {
                OutboundEvent event = event(lead, type);
                published.add(event);
                fixture.transaction().executeWithoutResult(status -> outbox.publish(event));
            }
        }
        fixture.deliverAll(node);

        List<WebhookReceiver.Request> crm = receiver.requests().stream().filter(r -> r.path().equals("/crm")).toList();
        assertThat(crm).hasSize(published.size() * 4);
        Map<String, Long> accepted = crm.stream().filter(r -> r.answered() == 200)
                .collect(Collectors.groupingBy(r -> r.header("Idempotency-Key"), Collectors.counting()));
        assertThat(accepted).hasSize(published.size()).allSatisfy((key, times) -> assertThat(times).isOne());
        for (WebhookReceiver.Request request : crm) {
            assertThat(request.header("Handoff-Signature"))
                    .isEqualTo(hmac(request.header("Handoff-Timestamp") + "." + request.body()));
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.path("id").asText()).isEqualTo(request.header("Idempotency-Key"));
            assertThat(body.path("type").asText()).isEqualTo(request.header("Handoff-Event"));
        }
        for (String lead : List.of("lead-1", "lead-2", "lead-3")) {
            List<String> sent = published.stream().filter(e -> e.leadId().equals(lead)).map(OutboundEvent::id)
                    .toList();
            List<String> received = crm.stream().map(r -> r.header("Idempotency-Key")).filter(sent::contains)
                    .distinct().toList();
            assertThat(received).as("first attempts of " + lead + " in publishing order").isEqualTo(sent);
            List<String> attempts = crm.stream().map(r -> r.header("Idempotency-Key")).filter(sent::contains)
                    .toList();
            for (int i = 1; i < attempts.size(); i++) {
                assertThat(sent.indexOf(attempts.get(i))).as("no event of " + lead + " before the one ahead of it")
                        .isGreaterThanOrEqualTo(sent.indexOf(attempts.get(i - 1)));
            }
        }
    }

    @Test
    void anIdleNodeSleepsUntilTheNextPendingRowIsDue() {
        assertThat(fixture.repository.nextDue()).as("nothing pending").isEmpty();
        receiver.failFirstAttempts(1);
        outbox.publish(event("lead-1", "WON"));
        node.deliverDue();
        assertThat(fixture.repository.nextDue()).map(OffsetDateTime::toInstant)
                .contains(fixture.clock().instant().plus(node.backoff(1)));
        fixture.deliverAll(node);
        assertThat(fixture.repository.nextDue()).isEmpty();
    }

    @Test
    void aFailedAttemptIsRetriedAfterAWaitThatDoublesUpToTheCap() {
        assertThat(List.of(1, 2, 3, 4, 5, 9).stream().map(node::backoff)).containsExactly(Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(8),
                Duration.ofSeconds(8));
        receiver.failFirstAttempts(2);
        outbox.publish(event("lead-1", "WON"));
        node.deliverDue();
        assertThat(receiver.requests()).hasSize(1);
        fixture.clock().advance(Duration.ofMillis(999));
        assertThat(node.deliverDue()).as("1 s after the first failure, not before").isZero();
        fixture.clock().advance(Duration.ofMillis(1));
        assertThat(node.deliverDue()).isOne();
        fixture.clock().advance(Duration.ofMillis(1999));
        assertThat(node.deliverDue()).as("2 s after the second failure, not before").isZero();
        fixture.clock().advance(Duration.ofMillis(1));
        assertThat(node.deliverDue()).isOne();
        assertThat(receiver.requests()).extracting(WebhookReceiver.Request::answered).containsExactly(500, 500, 200);
    }

    @Test
    void aSubscriberThatKeepsFailingIsFailedAndHoldsBackOnlyThatLeadUntilRetried() {
        receiver.failFirstAttempts(Integer.MAX_VALUE);
        OutboundEvent first = event("lead-1", "SAL_ACCEPTED");
        outbox.publish(first);
        fixture.deliverAll(node);
        assertThat(receiver.requests()).hasSize(OutboxFixture.DELIVERY.maxAttempts());
        List<OutboxRepository.Row> failed = fixture.repository.failed(10);
        assertThat(failed).singleElement().satisfies(row -> {
            assertThat(row.eventId()).isEqualTo(first.id());
            assertThat(row.lastError()).startsWith("HTTP 500");
        });

        receiver.failFirstAttempts(0);
        OutboundEvent second = event("lead-1", "HANDED_TO_AE");
        OutboundEvent otherLead = event("lead-2", "SAL_ACCEPTED");
        outbox.publish(second);
        outbox.publish(otherLead);
        fixture.deliverAll(node);
        assertThat(accepted()).containsExactly(otherLead.id());

        assertThat(fixture.repository.retry(failed.get(0).id(), OffsetDateTime.now(fixture.clock())))
                .isTrue();
        fixture.deliverAll(node);
        assertThat(accepted()).containsExactly(otherLead.id(), first.id(), second.id());
        assertThat(fixture.rows(OutboxRepository.FAILED)).isZero();
    }

    @Test
    void twoNodesOnOneDatabaseDeliverEveryEventOnce() throws Exception {
        List<OutboundEvent> published = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            OutboundEvent event = event("lead-" + (i % 12), "SAL_ACCEPTED");
            published.add(event);
            outbox.publish(event);
        }
        OutboxWorker other = fixture.worker("node-b");
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> work = List.of(() -> drain(node), () -> drain(other));
            for (var result : nodes.invokeAll(work)) {
                result.get();
            }
        } finally {
            nodes.shutdownNow();
        }
        assertThat(receiver.requests()).extracting(r -> r.header("Idempotency-Key"))
                .containsExactlyInAnyOrderElementsOf(published.stream().map(OutboundEvent::id).toList());
    }

    @Test
    void aNodeThatDiesMidDeliveryLeavesItsRowToTheOthersWhenTheLeaseEnds() {
        outbox.publish(event("lead-1", "SAL_ACCEPTED"));
        long id = fixture.repository.claimable(now(), 10).get(0);
        assertThat(fixture.repository.claim(id, "node-dead", now(), now().plus(OutboxFixture.DELIVERY.lease())))
                .isTrue();

        OutboxWorker survivor = fixture.worker("node-b");
        assertThat(survivor.deliverDue()).as("leased to the dead node").isZero();
        fixture.clock().advance(OutboxFixture.DELIVERY.lease().plusSeconds(1));
        assertThat(survivor.deliverDue()).isOne();
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void aRestartedNodeTakesBackWhatItHadLeasedAtOnce() {
        outbox.publish(event("lead-1", "SAL_ACCEPTED"));
        long id = fixture.repository.claimable(now(), 10).get(0);
        fixture.repository.claim(id, "node-a", now(), now().plus(OutboxFixture.DELIVERY.lease()));
        OutboxWorker restarted = fixture.worker("node-a");
        assertThat(restarted.deliverDue()).isZero();

        restarted.releaseOwnLeases();
        assertThat(restarted.deliverDue()).isOne();
    }

    @Test
    void chatSubscribersGetSlackAndTeamsMessagesOfTheTypesTheyWant() throws Exception {
        outbox.publish(event("lead-1", "SAL_ACCEPTED"));
        OutboundEvent breach = event("lead-1", "SLA_BREACHED");
        outbox.publish(breach);
        fixture.deliverAll(node);

        assertThat(receiver.requests()).extracting(WebhookReceiver.Request::path)
                .containsExactlyInAnyOrder("/crm", "/crm", "/slack", "/teams");
        JsonNode slack = JSON.readTree(only("/slack").body());
        assertThat(slack.path("text").asText()).isEqualTo(breach.summary());
        assertThat(slack.path("blocks").get(0).path("text").path("text").asText()).isEqualTo(breach.summary());
        JsonNode teams = JSON.readTree(only("/teams").body());
        assertThat(teams.path("type").asText()).isEqualTo("message");
        JsonNode attachment = teams.path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.path("content").path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(attachment.path("content").path("body").get(0).path("text").asText())
                .isEqualTo(breach.summary());
        assertThat(only("/slack").header("Handoff-Signature")).as("chat urls are their own secret").isNull();
    }

    @Test
    void deliveredRowsAreKeptForAWeekAndPendingOrFailedOnesUntilDelivered() {
        outbox.publish(event("lead-1", "SAL_ACCEPTED"));
        fixture.deliverAll(node);
        receiver.failFirstAttempts(Integer.MAX_VALUE);
        outbox.publish(event("lead-2", "SAL_ACCEPTED"));
        fixture.deliverAll(node);
        outbox.publish(event("lead-3", "SAL_ACCEPTED"));
        assertThat(node.purgeDelivered()).as("nothing delivered a week ago yet").isZero();

        fixture.clock().advance(Duration.ofDays(7).plusHours(1));
        assertThat(node.purgeDelivered()).isOne();
        assertThat(fixture.jdbc.sql("select lead_id from outbox_message order by id").query(String.class).list())
                .containsExactly("lead-2", "lead-3");
    }

    @Test
    void erasingALeadDeletesItsEventsAndTheMailsThatNameThePerson() {
        outbox.publish(event("lead-1", "SAL_ACCEPTED"));
        outbox.publish(event("lead-2", "SAL_ACCEPTED"));
        fixture.repository.insert("mail-1", "MAIL", Subscribers.EMAIL, "mail:sam@x", null,
                "{\"text\":\"Accept or reject Vera Vice_100%\"}", now());

        assertThat(outbox.erase("lead-1", List.of("Vera Vice_100%"))).isEqualTo(2);
        assertThat(fixture.jdbc.sql("select lead_id from outbox_message").query(String.class).list())
                .containsExactly("lead-2");
    }

    private int drain(OutboxWorker worker) {
        int total = 0;
        for (int i = 0; i < 200 && fixture.rows(OutboxRepository.PENDING) > 0; i++) {
            total += worker.deliverDue();
        }
        return total;
    }

    private List<String> accepted() {
        return receiver.requests().stream().filter(r -> r.answered() == 200).map(r -> r.header("Idempotency-Key"))
                .toList();
    }

    private WebhookReceiver.Request only(String path) {
        List<WebhookReceiver.Request> requests = receiver.requests().stream().filter(r -> r.path().equals(path))
                .toList();
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(fixture.clock()).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private OutboundEvent event(String lead, String type) {
        return OutboundEvent.of(type, lead, now(), lead + ": " + type, Map.of("stage", "SAL", "lead",
                Map.of("id", lead)));
    }

    private static String hmac(String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
