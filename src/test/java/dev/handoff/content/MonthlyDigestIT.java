package dev.handoff.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;

/**
 * The digest of the demo month, March 2026 (its first working day is Monday, March 2): February's new and
 * best-rated assets and the events of the coming two months, with content marketing's focus topic, reach sam.
 */
@IntegrationTest
class MonthlyDigestIT {

    private static final OffsetDateTime FIRST_WORKING_DAY = OffsetDateTime.parse("2026-03-02T07:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GreenMail greenMail;

    @Test
    void theDigestOfTheDemoMonthListsItsAssetsAndEventsAndReachesSam() throws MessagingException, InterruptedException {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        asset("Battlecard " + tag, "2026-02-10T10:00:00Z", 5);
        asset("Case study " + tag, "2026-02-24T10:00:00Z", 3);
        asset("Old deck " + tag, "2026-01-15T10:00:00Z", null);
        Api mona = Api.as(port, "mona");
        assertThat(mona.post("/api/content/events", Map.of("name", "Roadshow " + tag, "startsOn", "2026-03-18",
                "link", "https://events.example/roadshow")).status()).isEqualTo(201);
        assertThat(mona.post("/api/content/events", Map.of("name", "Summer fair " + tag, "startsOn", "2026-07-01",
                "link", "https://events.example/fair")).status()).isEqualTo(201);
        assertThat(Api.as(port, "sam").post("/api/content/events", Map.of("name", "x", "startsOn", "2026-03-18",
                "link", "https://x.example")).status()).isEqualTo(403);
        Api.Response bad = mona.post("/api/content/events", Map.of("name", " ", "link", "javascript:alert(1)"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors")).extracting(e -> e.path("field").asText())
                .containsExactly("name", "startsOn", "link");

        String instance;
        try {
            ClockUtil.setCurrentTime(Date.from(FIRST_WORKING_DAY.plusDays(1).toInstant()));
            fireTimer();
            assertThat(engine.getTaskService().createTaskQuery().processDefinitionKey("monthly-digest")
                    .taskDefinitionKey("Task_WriteDigestFocus").list()).as("March 3 is not the first working day")
                    .isEmpty();

            ClockUtil.setCurrentTime(Date.from(FIRST_WORKING_DAY.toInstant()));
            fireTimer();
            var task = engine.getTaskService().createTaskQuery().processDefinitionKey("monthly-digest")
                    .taskDefinitionKey("Task_WriteDigestFocus").singleResult();
            instance = task.getProcessInstanceId();
            assertThat(task.getDueDate()).isAfter(Date.from(FIRST_WORKING_DAY.toInstant()));
            Api cora = Api.as(port, "cora");
            assertThat(cora.post("/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", "cora")).status())
                    .isEqualTo(204);
            Api.Response noTopic = cora.post("/engine-rest/task/" + task.getId() + "/submit-form",
                    Map.of("variables", Map.of("focusTopic", Map.of("value", " "))));
            assertThat(noTopic.status()).as(noTopic.body()).isEqualTo(400);
            assertThat(noTopic.body()).contains("focusTopic");
            Api.Response written = cora.post("/engine-rest/task/" + task.getId() + "/submit-form",
                    Map.of("variables", Map.of("focusTopic", Map.of("value", "Renewals " + tag),
                            "digestNote", Map.of("value", "Ask every customer about the roadshow."))));
            assertThat(written.status()).as(written.body()).isEqualTo(204);
        } finally {
            ClockUtil.reset();
        }

        String mail = mailTo("sam@handoff.example", "Sales digest 2026-03: Renewals " + tag);
        assertThat(mail).contains("Battlecard " + tag, "Case study " + tag, "Roadshow " + tag,
                "Ask every customer about the roadshow.", "Battlecard " + tag + ", 5.0 of 5")
                .doesNotContain("Old deck " + tag, "Summer fair " + tag);
        assertThat(mailTo("sally@handoff.example", "Sales digest 2026-03: Renewals " + tag)).isEqualTo(mail);

        JsonNode issues = Api.as(port, "sam").get("/api/content/digests").json();
        JsonNode issue = null;
        for (JsonNode i : issues) {
            if (i.path("focusTopic").asText().equals("Renewals " + tag)) {
                issue = i;
            }
        }
        assertThat(issue).as(issues.toString()).isNotNull();
        assertThat(issue.path("month").asText()).isEqualTo("2026-03");
        assertThat(issue.path("writtenBy").asText()).isEqualTo("cora");
        assertThat(issue.path("body").asText().strip()).isEqualTo(mail);
        assertThat(issue.path("recipients").asInt()).isEqualTo(jdbc.sql("select count(distinct m.USER_ID_) from "
                + "ACT_ID_MEMBERSHIP m where m.GROUP_ID_ in ('sdr', 'ae', 'sales-managers')").query(Integer.class)
                .single());
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance)
                .finished().count()).isEqualTo(1);
    }

    private void fireTimer() {
        List<Job> timers = engine.getManagementService().createJobQuery().processDefinitionKey("monthly-digest")
                .timers().list();
        assertThat(timers).hasSize(1);
        engine.getManagementService().executeJob(timers.get(0).getId());
    }

    private void asset(String title, String publishedAt, Integer rating) {
        OffsetDateTime published = OffsetDateTime.parse(publishedAt);
        jdbc.sql("insert into content_request (process_instance_id, type, title, need, persona, needed_by, "
                + "requester, status, created_at) values (?, 'case_study', ?, 'for the digest', 'CFO', ?, 'sam', "
                + "'PUBLISHED', ?)").params("digest-" + UUID.randomUUID(), title, published.toLocalDate(),
                        published.minusDays(7)).update();
        long request = jdbc.sql("select max(id) from content_request where title = ?").param(title).query(Long.class)
                .single();
        jdbc.sql("insert into content_asset (request_id, type, title, need, persona, link, requester, author, "
                + "version_count, revision_count, requested_at, published_at, search_text) values (?, 'case_study', "
                + "?, 'for the digest', 'CFO', ?, 'sam', 'cora', 1, 0, ?, ?, ?)")
                .params(request, title, "https://hub.example/" + title.replace(' ', '-'), published.minusDays(7),
                        published, title.toLowerCase()).update();
        if (rating != null) {
            long asset = jdbc.sql("select id from content_asset where request_id = ?").param(request)
                    .query(Long.class).single();
            jdbc.sql("insert into content_rating (asset_id, rater, usefulness, deals_used_in, rated_at) values "
                    + "(?, 'sam', ?, 1, ?)").params(asset, rating, published.plusDays(2)).update();
        }
    }

    /** The mail, once the outbox has delivered it (it sends after the commit, one mail after another). */
    private String mailTo(String address, String subject) throws MessagingException, InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        do {
            for (MimeMessage message : greenMail.getReceivedMessages()) {
                if (subject.equals(message.getSubject().replace("[Handoff] ", "")) && Arrays.stream(message
                        .getRecipients(Message.RecipientType.TO)).anyMatch(r -> r.toString().equals(address))) {
                    return GreenMailUtil.getBody(message).replace("=\r\n", "").replace("\r\n", "\n").strip();
                }
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no mail '" + subject + "' to " + address);
    }
}
