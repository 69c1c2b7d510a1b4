package dev.handoff.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;

import dev.handoff.event.Signature;
import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;
import dev.handoff.support.LeadProcesses;
import dev.handoff.support.TestDatabase;
import dev.handoff.support.TestWebhooks;
import dev.handoff.support.WebhookReceiver;

/**
 * Leads' events as subscribers receive them: a real HTTP receiver in the test (subscribed as a signed webhook, a
 * Slack and a Teams chat, see {@link TestWebhooks}) that refuses the first attempts, and GreenMail for the mails.
 * What admins see of a subscriber that refuses everything is in {@code report.DashboardBrowserIT}.
 */
@IntegrationTest
class LeadEventsIT {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Bounds the waits for the background delivery; a correct run needs a fraction of it. */
    static final long PATIENCE_MILLIS = 300_000;
    /**
     * The acceptance's hundred leads on the embedded default; on PostgreSQL, whose outbox claims rows differently
     * ({@code FOR UPDATE SKIP LOCKED}), a quarter of them: the same paths and checks in a quarter of the time
     * (the hundred take about 45 s of walking per database, and the suite has a time budget).
     */
    static final int LEADS = TestDatabase.name().equals("postgres") ? 25 : 100;

    /** Each request's lead, parsed once: the checks ask for the requests of each of a hundred leads in turn. */
    private final Map<WebhookReceiver.Request, String> leadIdsByRequest = new IdentityHashMap<>();

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    WebhookReceiver receiver;
    @Autowired
    GreenMail smtp;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void receiverAnswersAgain() {
        receiver.failFirstAttempts(0);
    }

    @Test
    void everyStageChangeOfAHundredLeadsArrivesOnceInOrderAndSignedThoughEachIsRefusedThreeTimes() throws Exception {
        receiver.failFirstAttempts(3);
        long started = System.nanoTime();
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < LEADS; i++) {
            String id = mql();
            walkToOutcome(id, i % 2 == 0 ? "won" : "lost");
            leads.add(id);
        }
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (String id : leads) {
            expected.put(id, publishedTimeline(id));
        }
        assertThat(expected.get(leads.get(0))).containsExactly("CAPTURED", "MQL_DEFINITION_APPLIED",
                "SAL_ACCEPTED", "HANDED_TO_AE", "OPPORTUNITY", "WON");
        assertThat(expected.get(leads.get(1))).endsWith("LOST");
        int total = expected.values().stream().mapToInt(List::size).sum();
        long walked = System.nanoTime();
        await(() -> crm(leads, 200).size() >= total, total + " events accepted by the receiver");
        System.out.printf("LeadEventsIT on %s: %d leads walked in %.1f s, their %d events all accepted %.1f s later%n",
                TestDatabase.name(), LEADS, (walked - started) / 1e9, total, (System.nanoTime() - walked) / 1e9);

        List<WebhookReceiver.Request> accepted = crm(leads, 200);
        assertThat(accepted).as("exactly once by idempotency key").hasSize(total)
                .extracting(r -> r.header(Signature.IDEMPOTENCY_HEADER)).doesNotHaveDuplicates();
        for (String id : leads) {
            List<String> arrived = new ArrayList<>();
            for (WebhookReceiver.Request request : crm(List.of(id), 200)) {
                arrived.add(JSON.readTree(request.body()).path("type").asText());
            }
            assertThat(arrived).as("in order for lead " + id).isEqualTo(expected.get(id));
        }
        List<WebhookReceiver.Request> all = crm(leads, null);
        assertThat(all).as("three refusals, then the answer that counts").hasSize(total * 4);
        for (WebhookReceiver.Request request : all) {
            assertThat(request.header(Signature.HEADER)).isEqualTo(hmac(request.header(Signature.TIMESTAMP_HEADER)
                    + "." + request.body()));
        }
        JsonNode won = JSON.readTree(crm(List.of(leads.get(0)), 200).get(5).body());
        assertThat(won.path("lead").path("stage").asText()).isEqualTo("WON");
        assertThat(won.path("lead").path("number").asText()).startsWith("L-");
        assertThat(won.path("id").asText()).isEqualTo(crm(List.of(leads.get(0)), 200).get(5)
                .header(Signature.IDEMPOTENCY_HEADER));
        assertThat(won.toString()).as("no personal data in events").doesNotContain("Vera", "Vice", "@acme.example");
    }

    @Test
    void aStepThatRollsBackPublishesNothing() throws Exception {
        String id = mql();
        String instance = instance(id);
        var task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(instance)
                .taskDefinitionKey("Task_AcceptLead").singleResult();
        Api.Response refused = Api.as(port, task.getAssignee()).post("/engine-rest/task/" + task.getId()
                + "/submit-form", Map.of("variables", Map.of("salDecision", Map.of("value", "reject"),
                        "rejectionReason", Map.of("value", "no_such_reason"))));
        assertThat(refused.status()).as(refused.body()).isBetween(400, 599);
        assertThat(jdbc.sql("select count(*) from outbox_message where lead_id = ? and event_type = 'SAL_REJECTED'")
                .param(id).query(Long.class).single()).isZero();

        completeAs(instance, "Task_AcceptLead", Map.of("salDecision", "accept"));
        await(() -> crm(List.of(id), 200).size() >= 3, "three events of " + id);
        List<String> arrived = new ArrayList<>();
        for (WebhookReceiver.Request request : crm(List.of(id), 200)) {
            arrived.add(JSON.readTree(request.body()).path("type").asText());
        }
        assertThat(arrived).containsExactly("CAPTURED", "MQL_DEFINITION_APPLIED", "SAL_ACCEPTED");
    }

    /**
     * The outbox runs on the engine's clock, which the test holds still and moves: SMTP stays down for a minute of
     * it, each retry in that minute fails, and the mail goes at the first retry after SMTP is back.
     */
    @Test
    void withSmtpDownForAMinuteDuringAnSlaBreachTheEscalationMailArrivesOnceWhenItIsBack() throws Exception {
        String lastName = "Outage" + java.util.UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        String id = mql(lastName);
        String instance = instance(id);
        String subject = "[Handoff] Overdue lead: Vera " + lastName;
        Instant down = Instant.now();
        ClockUtil.setCurrentTime(Date.from(down));
        try {
            smtp.stop();
            try {
                executeBreachTimer(instance);
                executeBreachTimer(instance);
                long mail = mailRow("sally@handoff.example", subject);
                await(() -> attempts(mail) >= 1, "the escalation mail tried right after the commit");
                for (int second = 10; second <= 60; second += 10) {
                    int before = attempts(mail);
                    ClockUtil.setCurrentTime(Date.from(down.plusSeconds(second)));
                    await(() -> attempts(mail) > before, "another attempt " + second + " s into the outage");
                    assertThat(status(mail)).isEqualTo("PENDING");
                }
                assertThat(attempts(mail)).as("one attempt after the commit, one per step").isGreaterThanOrEqualTo(7);
            } finally {
                smtp.start();
            }
            long mail = mailRow("sally@handoff.example", subject);
            assertThat(mailedCount("sally@handoff.example", subject)).isZero();
            Instant retry = jdbc.sql("select next_attempt_at from outbox_message where id = ?").param(mail)
                    .query(OffsetDateTime.class).single().toInstant();
            assertThat(retry).as("the next retry is after the minute").isAfter(down.plusSeconds(60));
            ClockUtil.setCurrentTime(Date.from(retry));
            await(() -> "DELIVERED".equals(status(mail)), "the escalation mail after SMTP is back");
            assertThat(mailedCount("sally@handoff.example", subject)).as("exactly once").isOne();
        } finally {
            ClockUtil.reset();
        }

        await(() -> chat("/slack", id).size() >= 3 && chat("/teams", id).size() >= 3, "breaches and escalation");
        assertThat(chat("/slack", id)).extracting(n -> n.path("text").asText()).satisfiesExactly(
                text -> assertThat(text).contains("SLA breached"),
                text -> assertThat(text).contains("SLA breached"),
                text -> assertThat(text).contains("escalated to the sales managers"));
        assertThat(chat("/teams", id)).last().satisfies(card -> assertThat(card.path("attachments").get(0)
                .path("content").path("body").get(0).path("text").asText()).contains("escalated"));
    }

    /** The outbox row of the mail to {@code to} with this subject. */
    private long mailRow(String to, String subject) {
        return jdbc.sql("select id from outbox_message where subscriber = 'email' and ordering_key = ? "
                + "and payload like ?").params("mail:" + to, "%" + subject + "%").query(Long.class).single();
    }

    private int attempts(long row) {
        return jdbc.sql("select attempts from outbox_message where id = ?").param(row).query(Integer.class).single();
    }

    private String status(long row) {
        return jdbc.sql("select status from outbox_message where id = ?").param(row).query(String.class).single();
    }

    private long mailedCount(String to, String subject) {
        try {
            long count = 0;
            for (MimeMessage message : smtp.getReceivedMessages()) {
                if (Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString)
                        .toList().contains(to) && subject.equals(message.getSubject())) {
                    count++;
                }
            }
            return count;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The chat messages about the lead (by its number) on a path, in arrival order. */
    private List<JsonNode> chat(String path, String leadId) {
        String number = Api.as(port, "sally").get("/api/leads/" + leadId).json().path("number").asText();
        List<JsonNode> messages = new ArrayList<>();
        for (WebhookReceiver.Request request : receiver.requests()) {
            if (request.path().equals(path) && request.answered() == 200 && request.body().contains(number + " ")) {
                try {
                    messages.add(JSON.readTree(request.body()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return messages;
    }

    /** Webhook requests about these leads in arrival order; only those answered {@code status} unless null. */
    private List<WebhookReceiver.Request> crm(List<String> leadIds, Integer status) {
        Set<String> wanted = new HashSet<>(leadIds);
        return receiver.requests().stream().filter(r -> r.path().equals("/crm"))
                .filter(r -> status == null || r.answered() == status)
                .filter(r -> wanted.contains(leadIdsByRequest.computeIfAbsent(r, LeadEventsIT::leadId))).toList();
    }

    private static String leadId(WebhookReceiver.Request request) {
        try {
            return JSON.readTree(request.body()).path("lead").path("id").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lead's timeline entries of the published types, as the API shows them. */
    private List<String> publishedTimeline(String id) {
        List<String> types = new ArrayList<>();
        Api.as(port, "sally").get("/api/leads/" + id).json().path("timeline").forEach(entry -> {
            if (PublishedEvents.LABELS.containsKey(entry.path("type").asText())) {
                types.add(entry.path("type").asText());
            }
        });
        return types;
    }

    private void walkToOutcome(String id, String outcome) {
        String instance = instance(id);
        completeAs(instance, "Task_AcceptLead", Map.of("salDecision", "accept"));
        completeAs(instance, "Task_LogContactAttempt", Map.of("contactChannel", "phone",
                "contactOutcome", "meeting_booked"));
        completeAs(instance, "Task_HoldDiscoveryMeeting", Map.of("meetingOutcome", "opportunity",
                "opportunityAmount", 25000));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", outcome);
        if (outcome.equals("won")) {
            body.put("amount", 25000);
        } else {
            body.put("reason", "budget went elsewhere");
        }
        Api.Response reported = Api.as(port, "intake").post("/api/leads/" + id + "/outcome", body);
        assertThat(reported.status()).as(reported.body()).isEqualTo(200);
    }

    private void completeAs(String instance, String taskKey, Map<String, Object> variables) {
        var task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(instance).taskDefinitionKey(taskKey)
                .singleResult();
        assertThat(task).as(taskKey).isNotNull();
        engine.getIdentityService().setAuthentication(task.getAssignee(), List.of("sdr", "ae"));
        try {
            engine.getTaskService().complete(task.getId(), variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private void executeBreachTimer(String instance) {
        var job = engine.getManagementService().createJobQuery()
                .processInstanceId(LeadProcesses.stage(engine.getRuntimeService(), instance).getId())
                .activityId("Event_AcceptSlaBreached").singleResult();
        Api.Response executed = Api.as(port, "admin").post("/engine-rest/job/" + job.getId() + "/execute", Map.of());
        assertThat(executed.status()).as(executed.body()).isEqualTo(204);
    }

    /** The lead number: the business key of the lead's lifecycle and of the stage it is in. */
    private String instance(String leadId) {
        return Api.as(port, "sally").get("/api/leads/" + leadId).json().path("number").asText();
    }

    private String mql() {
        return mql("Vice");
    }

    private String mql(String lastName) {
        Map<String, Object> body = LeadApiIT.vp(null);
        body.put("lastName", lastName);
        Api.Response created = Api.as(port, "intake").post("/api/leads", body);
        assertThat(created.json().path("stage").asText()).as(created.body()).isEqualTo("MQL");
        return created.json().path("id").asText();
    }

    private static String hmac(String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(TestWebhooks.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    /** Waits for background delivery, bounded; what is asserted is what arrived, never how fast. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE_MILLIS * 1_000_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("still waiting for " + what + " on " + TestDatabase.name())
                    .isTrue();
            Thread.sleep(100);
        }
    }
}
