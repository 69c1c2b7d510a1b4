package dev.handoff.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.support.Api;
import dev.handoff.support.TestLeads;
import dev.handoff.support.IntegrationTest;

/**
 * The acceptance story over HTTP, on a clock set to Wednesday 2031-05-14 in Berlin: mona deploys a stricter
 * MQL definition from Modeler (a stray deployment that judges nobody), proposes it; sally sees before/after and
 * the replay of 2031-Q1, sends it back once, signs the revision effective Monday 2031-05-19; leads before carry
 * agreement 1, after it agreement 2, and the diagnosis of 2031-Q2 names both. Then who may do what, both ways into
 * the engine, and hostile input.
 */
@IntegrationTest
class AgreementIT {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ManagementService managementService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    Agreements agreements;
    @Autowired
    AgreementForms forms;

    String deployment;

    @AfterEach
    void tearDown() {
        if (deployment != null) {
            repositoryService.deleteDeployment(deployment, true);
        }
        AgreementOne.restore(jdbc, runtimeService, agreements, forms);
    }

    @Test
    void monaProposesAStricterMqlDefinitionAndSallySignsItsRevision() throws IOException {
        ClockUtil.setCurrentTime(Date.from(at("2031-05-14T10:00")));
        Api mona = Api.as(port, "mona");
        Api sally = Api.as(port, "sally");
        JsonNode first = sally.get("/api/agreements/current").json();
        int v1 = first.path("decisions").path("mqlDefinition").asInt();
        assertThat(first.path("status").asText()).isEqualTo("IN_FORCE");
        assertThat(first.path("targets").path("slaCompliance").asDouble()).isEqualTo(0.9);
        // Last full quarter: a good fit engaged 30 is an MQL at 25, not at 45; engaged 90 is one either way.
        replayLead("2031-02-10T09:00:00Z", "EVENT", 30);
        replayLead("2031-02-11T09:00:00Z", "PARTNER", 90);

        // mona deploys from Modeler: nothing changes for new leads, and the dashboard's findings say so.
        int v2 = deployFromModeler(mona);
        assertThat(v2).isGreaterThan(v1);
        JsonNode findings = sally.get("/api/agreements/findings").json();
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.path("decision").asText()).isEqualTo("mql-definition");
            assertThat(f.path("version").asInt()).isEqualTo(v2);
            assertThat(f.path("message").asText()).contains("outside the agreement", "still judged by v" + v1);
        });
        JsonNode before = capture();
        assertThat(before.path("stage").asText()).isEqualTo("MQL");
        assertThat(before.path("mqlDefinitionVersion").asInt()).isEqualTo(v1);
        assertThat(before.path("agreementNumber").asInt()).isEqualTo(1);

        Api.Response proposed = mona.post("/api/agreements/proposals", Map.of("mqlDefinitionVersion", v2,
                "summary", "Raise the engagement threshold to 45"));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        int number = proposed.json().path("agreement").path("number").asInt();
        assertThat(proposed.location()).endsWith("/api/agreements/" + number);
        assertThat(proposed.json().path("agreement").path("marketing").path("by").asText()).isEqualTo("mona");
        String process = proposed.json().path("processInstanceId").asText();
        assertThat(sally.get("/api/agreements/findings").json()).anySatisfy(f ->
                assertThat(f.path("heldByProposal").asInt()).isEqualTo(number));

        JsonNode review = sally.get("/api/agreements/" + number + "/review").json();
        assertThat(review.path("changes")).anySatisfy(c -> {
            assertThat(c.path("what").asText()).startsWith("mql-definition rule");
            assertThat(c.path("before").asText()).contains("Engagement score >= 25");
            assertThat(c.path("after").asText()).contains("Engagement score >= 45");
        });
        JsonNode replay = review.path("replay");
        assertThat(replay.path("quarter").asText()).isEqualTo("2031-Q1");
        assertThat(replay.path("leads").asLong()).isEqualTo(2);
        assertThat(replay.path("mqlsBefore").asLong()).isEqualTo(2);
        assertThat(replay.path("mqlsAfter").asLong()).isEqualTo(1);
        assertThat(replay.path("bySource")).anySatisfy(r -> {
            assertThat(r.path("key").asText()).isEqualTo("event");
            assertThat(r.path("before").asLong()).isEqualTo(1);
            assertThat(r.path("after").asLong()).isZero();
        });

        // sally sees the same in her Tasklist form's variables, and sends it back once.
        String reviewTask = task(sally, process);
        JsonNode formVariables = sally.get("/engine-rest/task/" + reviewTask + "/form-variables").json();
        assertThat(formVariables.path("changesText").path("value").asText()).contains(">= 25", ">= 45");
        assertThat(formVariables.path("replayText").path("value").asText()).contains("**2** MQLs", "**1** under");
        // mark is on the proposing side: he may not sign it, neither way into the engine.
        assertThat(Api.as(port, "mark").get("/engine-rest/task/" + reviewTask).status()).isIn(403, 404);
        assertThat(Api.as(port, "mark").post("/engine-rest/task/" + reviewTask + "/submit-form",
                Api.variables(Map.of("reviewDecision", "accept", "effectiveFrom", "2031-05-19"))).status()).isEqualTo(403);
        Api markSession = Api.webappSession(port, "mark");
        assertThat(markSession.post("/camunda/api/engine/engine/default/task/" + reviewTask + "/submit-form",
                Api.variables(Map.of("reviewDecision", "accept", "effectiveFrom", "2031-05-19"))).status()).isEqualTo(403);
        assertThat(sally.post("/engine-rest/task/" + reviewTask + "/claim", Map.of("userId", "sally")).status())
                .isEqualTo(204);
        Api.Response sentBack = sally.post("/engine-rest/task/" + reviewTask + "/submit-form",
                Api.variables(Map.of("reviewDecision", "sendBack", "reviewComment", "Start on a Monday, and say the cost")));
        assertThat(sentBack.status()).as(sentBack.body()).isEqualTo(204);

        String revise = task(mona, process);
        Api.Response revised = mona.post("/engine-rest/task/" + revise + "/submit-form", Api.variables(Map.of(
                "mqlDefinitionVersion", v2, "effectiveFrom", "2031-05-19",
                "summary", "Raise the engagement threshold to 45: one webinar MQL fewer a quarter")));
        assertThat(revised.status()).as(revised.body()).isEqualTo(204);

        Api sallySession = Api.webappSession(port, "sally");
        String again = task(sally, process);
        assertThat(sallySession.post("/camunda/api/engine/engine/default/task/" + again + "/claim",
                Map.of("userId", "sally")).status()).isEqualTo(204);
        Api.Response signed = sallySession.post("/camunda/api/engine/engine/default/task/" + again + "/submit-form",
                Api.variables(Map.of("reviewDecision", "accept", "effectiveFrom", "2031-05-19")));
        assertThat(signed.status()).as(signed.body()).isEqualTo(204);
        JsonNode agreement = sally.get("/api/agreements/" + number).json();
        assertThat(agreement.path("status").asText()).isEqualTo("PROPOSED");
        assertThat(agreement.path("sales").path("by").asText()).isEqualTo("sally");
        assertThat(agreement.path("effectiveFrom").asText()).isEqualTo("2031-05-19");
        assertThat(agreement.path("reviewComment").asText()).startsWith("Start on a Monday");

        JsonNode stillBefore = capture();
        assertThat(stillBefore.path("agreementNumber").asInt()).isEqualTo(1);
        assertThat(stillBefore.path("stage").asText()).isEqualTo("MQL");

        ClockUtil.setCurrentTime(Date.from(at("2031-05-19T00:01")));
        Job timer = managementService.createJobQuery().processInstanceId(process).timers().singleResult();
        assertThat(timer.getDuedate()).isEqualTo(Date.from(at("2031-05-19T00:00")));
        managementService.executeJob(timer.getId());
        assertThat(sally.get("/api/agreements/current").json().path("number").asInt()).isEqualTo(number);
        assertThat(sally.get("/api/agreements/1").json().path("status").asText()).isEqualTo("SUPERSEDED");
        assertThat(sally.get("/api/agreements").json()).extracting(a -> a.path("number").asInt())
                .contains(1, number);

        JsonNode after = capture();
        assertThat(after.path("agreementNumber").asInt()).isEqualTo(number);
        assertThat(after.path("mqlDefinitionVersion").asInt()).isEqualTo(v2);
        assertThat(after.path("stage").asText()).isEqualTo("NURTURE");

        ClockUtil.setCurrentTime(Date.from(at("2031-07-02T10:00")));
        JsonNode diagnosis = sally.get("/api/reports/quarter-diagnosis?quarter=2031-Q2").json();
        JsonNode parts = diagnosis.path("agreements");
        assertThat(parts).extracting(p -> p.path("agreement").asInt()).containsExactly(1, number);
        assertThat(parts.get(0).path("to").asText()).isEqualTo(parts.get(1).path("from").asText());
        assertThat(parts.get(1).path("signedForMarketingBy").asText()).isEqualTo("mona");
        assertThat(parts.get(1).path("signedForSalesBy").asText()).isEqualTo("sally");
        assertThat(parts.get(0).path("figures").path("sal").asLong()
                + parts.get(1).path("figures").path("sal").asLong())
                .isEqualTo(diagnosis.path("figures").path("sal").asLong());
        assertThat(parts.get(1).path("targets").path("acceptance").asDouble()).isEqualTo(0.9);
        JsonNode funnel = sally.get("/api/reports/funnel?from=2031-04-01&to=2031-06-30").json();
        assertThat(funnel.path("byAgreement")).anySatisfy(r -> {
            assertThat(r.path("agreement").asInt()).isEqualTo(1);
            assertThat(r.path("counts").path("mql").asLong()).isEqualTo(2);
        });
        assertThat(funnel.path("byAgreement")).anySatisfy(r -> {
            assertThat(r.path("agreement").asInt()).isEqualTo(number);
            assertThat(r.path("counts").path("mql").asLong()).isZero();
        });
    }

    @Test
    void onlyTheRightGroupsProposeAndEveryHumanGroupReads() {
        assertThat(Api.anonymous(port).get("/api/agreements").status()).isEqualTo(401);
        assertThat(Api.as(port, "intake").get("/api/agreements/current").status()).isEqualTo(403);
        assertThat(Api.as(port, "sam").get("/api/agreements/current").status()).isEqualTo(200);
        assertThat(Api.as(port, "cora").get("/api/agreements").status()).isEqualTo(200);
        Map<String, Object> body = Map.of("targetAcceptance", 0.8, "summary", "Lower the acceptance target");
        assertThat(Api.as(port, "sam").post("/api/agreements/proposals", body).status()).isEqualTo(403);
        assertThat(Api.as(port, "cora").post("/api/agreements/proposals", body).status()).isEqualTo(403);
        assertThat(Api.as(port, "intake").post("/api/agreements/proposals", body).status()).isEqualTo(403);
        // The engine's own start: an SDR may not start the process on either way in.
        Map<String, Object> start = Api.variables(Map.of("summary", "Fewer leads", "targetAcceptance", 0.5));
        // (404: the engine does not even show an SDR the definition)
        assertThat(Api.as(port, "sam").post("/engine-rest/process-definition/key/agreement-change/start", start)
                .status()).isIn(403, 404);
        assertThat(Api.webappSession(port, "sam").post(
                "/camunda/api/engine/engine/default/process-definition/key/agreement-change/submit-form", start)
                .status()).isIn(403, 404);
        // A marketing member starting it on the engine may still only propose marketing's part.
        Api.Response wrongSide = Api.as(port, "mona").post(
                "/engine-rest/process-definition/key/agreement-change/submit-form", start);
        assertThat(wrongSide.status()).isEqualTo(400);
        assertThat(wrongSide.body()).contains("targetAcceptance");
        assertThat(agreements.all()).hasSize(1);

        Api.Response sales = Api.as(port, "sally").post("/api/agreements/proposals", body);
        assertThat(sales.status()).as(sales.body()).isEqualTo(201);
        assertThat(sales.json().path("agreement").path("sales").path("by").asText()).isEqualTo("sally");
        assertThat(sales.json().path("agreement").path("targets").path("acceptance").asDouble()).isEqualTo(0.8);
        assertThat(Api.as(port, "sally").get("/api/agreements/current").json().path("number").asInt()).isEqualTo(1);
    }

    @Test
    void hostileInputIsAProblemNamingTheField() {
        Api sally = Api.as(port, "sally");
        Api mona = Api.as(port, "mona");
        problem(sally.post("/api/agreements/proposals", "{\"targetSlaCompliance\":\"lots\",\"summary\":\"x\"}"),
                "targetSlaCompliance");
        problem(sally.post("/api/agreements/proposals", Map.of("targetSlaCompliance", 1.5, "summary", "x")),
                "targetSlaCompliance");
        problem(sally.post("/api/agreements/proposals", Map.of("targetSlaCompliance", -0.1, "summary", "x")),
                "targetSlaCompliance");
        problem(sally.post("/api/agreements/proposals", Map.of("targetAcceptance", 0.123456, "summary", "x")),
                "targetAcceptance");
        problem(sally.post("/api/agreements/proposals", Map.of("targetAcceptance", 0.8)), "summary");
        problem(sally.post("/api/agreements/proposals", Map.of("targetAcceptance", 0.8, "summary", "   ")),
                "summary");
        problem(sally.post("/api/agreements/proposals", Map.of("targetAcceptance", 0.8, "summary", "x".repeat(1001))),
                "summary");
        problem(sally.post("/api/agreements/proposals", Map.of("targetAcceptance", 0.8, "summary", "nul\u0000")),
                "summary");
        problem(sally.post("/api/agreements/proposals", Map.of("objectiveSqls", -1, "summary", "x")),
                "objectiveSqls");
        // The catalogue, persona by persona: a key that is no key, a bar the forms would read as a column.
        problem(mona.post("/api/agreements/proposals", Map.of("personas", List.of(Map.of("key", "Finance Leader",
                "name", "Finance", "titles", List.of("CFO"))), "summary", "x")), "personas[0].key");
        problem(mona.post("/api/agreements/proposals", Map.of("personas", List.of(Map.of("key", "ops", "name",
                "Ops | Finance", "titles", List.of("COO"))), "summary", "x")), "personas[0].name");
        problem(mona.post("/api/agreements/proposals", Map.of("icp", Map.of("regions", List.of("DACH, Nordics")),
                "summary", "x")), "icp.regions");
        assertThat(mona.get("/api/agreements/current").json().path("catalogue").path("personas"))
                .extracting(p -> p.path("key").asText()).contains("finance-leader", "sales-leader");
        problem(sally.post("/api/agreements/proposals", "{\"objectiveSqls\":1e40,\"summary\":\"x\"}"),
                "objectiveSqls");
        problem(sally.post("/api/agreements/proposals", Map.of("objectivePipeline", "1e20", "summary", "x")),
                "objectivePipeline");
        problem(sally.post("/api/agreements/proposals", Map.of("objectiveWonRevenue", "10.001", "summary", "x")),
                "objectiveWonRevenue");
        problem(sally.post("/api/agreements/proposals", Map.of("effectiveFrom", "2031-13-40", "summary", "x",
                "targetAcceptance", 0.8)), "effectiveFrom");
        problem(sally.post("/api/agreements/proposals", Map.of("effectiveFrom", "2001-01-01", "summary", "x",
                "targetAcceptance", 0.8)), "effectiveFrom");
        problem(sally.post("/api/agreements/proposals", Map.of("effectiveFrom", "9999-01-01", "summary", "x",
                "targetAcceptance", 0.8)), "effectiveFrom");
        problem(sally.post("/api/agreements/proposals", Map.of("mqlDefinitionVersion", 2, "summary", "x")),
                "mqlDefinitionVersion");
        problem(mona.post("/api/agreements/proposals", Map.of("mqlDefinitionVersion", 0, "summary", "x")),
                "mqlDefinitionVersion");
        problem(mona.post("/api/agreements/proposals", Map.of("mqlDefinitionVersion", 99999, "summary", "x")),
                "mqlDefinitionVersion");
        problem(mona.post("/api/agreements/proposals", Map.of("summary", "changes nothing")), "proposal");
        problem(mona.post("/api/agreements/proposals", "not json"), "body");
        problem(mona.post("/api/agreements/proposals", ""), "summary");
        problem(sally.get("/api/agreements/abc"), "number");
        problem(sally.get("/api/agreements/99999999999"), "number");
        assertThat(sally.get("/api/agreements/424242").status()).isEqualTo(404);
        assertThat(sally.get("/api/agreements/424242/review").status()).isEqualTo(404);
        assertThat(agreements.all()).hasSize(1);
    }

    private static void problem(Api.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("errors")).as(response.body())
                .anySatisfy(e -> assertThat(e.path("field").asText()).isEqualTo(field));
    }

    /** A good-fit lead (VP Sales at a 500-people software firm) with a demo request an hour ago: engagement 40. */
    private JsonNode capture() {
        Map<String, Object> body = TestLeads.vp(null);
        body.put("email", "vera-" + UUID.randomUUID() + "@agreement.example");
        Api.Response created = Api.as(port, "intake").post("/api/leads", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return Api.as(port, "sally").get("/api/leads/" + created.json().path("id").asText()).json();
    }

    private String task(Api user, String process) {
        JsonNode tasks = user.get("/engine-rest/task?processInstanceId=" + process).json();
        assertThat(tasks).as(tasks.toString()).hasSize(1);
        return tasks.get(0).path("id").asText();
    }


    /** mql-definition.dmn with "Good fit, engaged" at 45 instead of 25, deployed as Camunda Modeler does. */
    private int deployFromModeler(Api user) throws IOException {
        String xml;
        try (InputStream in = getClass().getResourceAsStream("/processes/mql-definition.dmn")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String stricter = xml.replace("<inputEntry id=\"In_MqlDefinition_GoodFitEngaged_EngagementSc\"><text>&gt;= 25",
                "<inputEntry id=\"In_MqlDefinition_GoodFitEngaged_EngagementSc\"><text>&gt;= 45");
        assertThat(stricter).isNotEqualTo(xml);
        String boundary = "----handoff" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nmodeler\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-source\"\r\n\r\n"
                + "Camunda Modeler\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; "
                + "filename=\"mql-definition.dmn\"\r\nContent-Type: application/octet-stream\r\n\r\n" + stricter
                + "\r\n--" + boundary + "--\r\n";
        Api.Response deployed = user.postBytes("/engine-rest/deployment/create", "multipart/form-data; boundary="
                + boundary, body.getBytes(StandardCharsets.UTF_8));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        deployment = deployed.json().path("id").asText();
        return repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("mql-definition")
                .latestVersion().singleResult().getVersion();
    }

    /** A lead of last quarter as the replay reads it: complete, good fit, with the given engagement score. */
    private void replayLead(String createdAt, String source, int engagement) {
        var at = Instant.parse(createdAt).atOffset(ZoneOffset.UTC);
        jdbc.sql("insert into lead (id, email, first_name, last_name, phone, job_title, company, company_size, "
                + "industry, source, stage, engagement_score, created_at, updated_at, stage_changed_at) values "
                + "(?, ?, 'Ria', 'Play', '+49 30 1234', 'VP Sales', 'Replay GmbH', 500, 'Software', ?, 'MQL', ?, "
                + "?, ?, ?)")
                .params(UUID.randomUUID().toString(), UUID.randomUUID() + "@replay.example", source, engagement, at,
                        at, at)
                .update();
    }

    static Instant at(String berlinLocal) {
        return LocalDateTime.parse(berlinLocal).atZone(BERLIN).toInstant();
    }
}
