package dev.handoff.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.support.Api;
import dev.handoff.support.TestLeads;
import dev.handoff.support.IntegrationTest;
import dev.handoff.support.TestLeads;
import dev.handoff.support.LeadProcesses;
import dev.handoff.support.TestDatabase;

@IntegrationTest
class LeadApiIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcessEngine engine;

    @Test
    void aCompleteEngagedLeadIsAnMqlAndTheSameBodyAgainReturnsIt() {
        Map<String, Object> body = vp("crm-" + UUID.randomUUID());
        Api.Response created = intake().post("/api/leads", body);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(created.location()).endsWith("/api/leads/" + id);
        assertThat(created.json().path("stage").asText()).isEqualTo("MQL");
        assertThat(created.json().path("score").path("grade").asText()).isEqualTo("A");
        assertThat(created.json().path("mqlDefinitionVersion").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(created.json().path("persona").asText()).as("VP Sales").isEqualTo("sales-leader");

        Api.Response again = intake().post("/api/leads", body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("id").asText()).isEqualTo(id);
        assertThat(leadsWithEmail((String) body.get("email"))).isEqualTo(1);
    }

    @Test
    void theEmailOfAnOpenLeadMergesNewEngagementsIntoIt() {
        Map<String, Object> first = student();
        String id = intake().post("/api/leads", first).json().path("id").asText();
        Map<String, Object> second = new HashMap<>(first);
        second.put("engagements", List.of(engagement("webinar", 2)));

        Api.Response merged = intake().post("/api/leads", second);

        assertThat(merged.status()).isEqualTo(200);
        assertThat(merged.json().path("id").asText()).isEqualTo(id);
        assertThat(merged.json().path("engagements")).hasSize(2);
        assertThat(merged.json().path("score").path("engagement").asDouble())
                .isGreaterThan(intakeGet(id).path("engagements").size() > 0 ? 10.0 : 0);
    }

    @Test
    void concurrentSubmissionsOfOneLeadMakeOneLead() throws Exception {
        Map<String, Object> body = vp(null);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Api.Response>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit((Callable<Api.Response>) () -> intake().post("/api/leads", body)));
            }
            Set<String> ids = new HashSet<>();
            Set<String> numbers = new HashSet<>();
            int createdCount = 0;
            for (Future<Api.Response> result : results) {
                Api.Response response = result.get();
                assertThat(response.status()).as(response.body()).isIn(200, 201);
                createdCount += response.status() == 201 ? 1 : 0;
                ids.add(response.json().path("id").asText());
                numbers.add(response.json().path("number").asText());
            }
            assertThat(ids).hasSize(1);
            assertThat(numbers).hasSize(1);
            assertThat(createdCount).isEqualTo(1);
            assertThat(leadsWithEmail((String) body.get("email"))).isEqualTo(1);
            assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(
                    LeadVariables.PROCESS_KEY).processInstanceBusinessKey(numbers.iterator().next()).count())
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndCreatesNothing() {
        long before = allLeads();
        assertProblem(intake().post("/api/leads", "{\"email\":\"not-an-email\",\"source\":\"inbound\"}"), "email");
        assertProblem(intake().post("/api/leads", "{\"source\":\"inbound\"}"), "email");
        assertProblem(intake().post("/api/leads", "{\"email\":\"a@b.example\",\"source\":\"billboard\"}"), "source");
        assertProblem(intake().post("/api/leads", "{\"email\":\"a@b.example\",\"source\":\"inbound\",\"companySize\":0}"),
                "companySize");
        assertProblem(intake().post("/api/leads", "{\"email\":\"a@b.example\",\"source\":\"inbound\",\"jobTitle\":\""
                + "x".repeat(151) + "\"}"), "jobTitle");
        assertProblem(intake().post("/api/leads", "{\"email\":\"a@b.example\",\"source\":\"inbound\",\"country\":\"Germany\"}"),
                "country");
        assertProblem(intake().post("/api/leads", "{\"email\": \"a@b.example\", "), "body");
        Map<String, Object> tooMany = vp(null);
        List<Map<String, Object>> engagements = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            engagements.add(engagement("email_click", i + 1));
        }
        tooMany.put("engagements", engagements);
        assertProblem(intake().post("/api/leads", tooMany), "engagements");
        assertProblem(intake().post("/api/leads", "{\"email\":\"a@b.example\",\"source\":\"inbound\","
                + "\"engagements\":[{\"type\":\"fax\",\"occurredAt\":\"2026-11-01T10:00:00Z\"}]}"), "engagements[0].type");
        assertThat(allLeads()).isEqualTo(before);
    }

    @Test
    void missingMqlFieldsAreNoErrorTheLeadGoesToEnrichment() throws Exception {
        Map<String, Object> body = vp(null);
        body.remove("jobTitle");
        Api.Response created = intake().post("/api/leads", body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("stage").asText()).isEqualTo("ENRICHMENT");
        String id = created.json().path("id").asText();
        assertThat(intakeGet(id).path("persona").asText()).as("scored without a job title").isEqualTo("unmatched");
        String number = created.json().path("number").asText();

        JsonNode tasks = Api.as(port, "mona").get("/engine-rest/task?processInstanceBusinessKey=" + number).json();
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).path("name").asText()).isEqualTo("Complete lead data");
        assertThat(tasks.get(0).path("due").asText()).isNotEmpty();
        assertThat(Api.as(port, "sam").get("/engine-rest/task?processInstanceBusinessKey=" + number).json()).isEmpty();

        String taskId = tasks.get(0).path("id").asText();
        assertThat(Api.as(port, "mona").post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", "mona"))
                .status()).isEqualTo(204);
        Api.Response completed = Api.as(port, "mona").post("/engine-rest/task/" + taskId + "/submit-form",
                Map.of("variables", Map.of("jobTitle", Map.of("value", "Chief Revenue Officer", "type", "String"))));
        assertThat(completed.status()).as(completed.body()).isEqualTo(204);
        JsonNode lead = intakeGet(id);
        assertThat(lead.path("stage").asText()).isEqualTo("MQL");
        assertThat(lead.path("jobTitle").asText()).isEqualTo("Chief Revenue Officer");
        assertThat(lead.path("persona").asText()).as("scored again with one").isEqualTo("sales-leader");
    }

    @Test
    void engagementWakesANurturedLeadUntilItIsAnMql() {
        String id = intake().post("/api/leads", student()).json().path("id").asText();
        assertThat(intakeGet(id).path("stage").asText()).isEqualTo("NURTURE");

        Api.Response recorded = intake().post("/api/leads/" + id + "/engagements", Map.of("engagements",
                List.of(engagement("demo_request", 1), engagement("pricing_page", 1), engagement("webinar", 1),
                        engagement("event_visit", 1))));

        assertThat(recorded.status()).isEqualTo(202);
        assertThat(recorded.json().path("stage").asText()).isEqualTo("MQL");
        assertThat(intake().post("/api/leads/" + UUID.randomUUID() + "/engagements",
                Map.of("engagements", List.of(engagement("webinar", 1)))).status()).isEqualTo(404);
        assertProblem(intake().post("/api/leads/" + id + "/engagements", Map.of("engagements", List.of())), "engagements");
    }

    @Test
    void onlyCapturingGroupsCreateLeadsAndNobodyAnonymousReads() {
        Api.Response bySam = Api.as(port, "sam").post("/api/leads", vp(null));
        assertThat(bySam.status()).isEqualTo(403);
        assertThat(bySam.contentType()).startsWith("application/problem+json");
        assertThat(Api.as(port, "dean").post("/api/leads", vp(null)).status()).isEqualTo(201);
        assertThat(Api.anonymous(port).get("/api/leads").status()).isEqualTo(401);
        assertThat(Api.as(port, "sam").get("/api/leads/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void listsLeadsByStagePageByPage() {
        for (int i = 0; i < 3; i++) {
            intake().post("/api/leads", student());
        }
        JsonNode page = Api.as(port, "mona").get("/api/leads?stage=NURTURE&page=0&size=2").json();
        assertThat(page.path("items")).hasSize(2);
        assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(3);
        page.path("items").forEach(item -> assertThat(item.path("stage").asText()).isEqualTo("NURTURE"));
        assertProblem(Api.as(port, "mona").get("/api/leads?stage=HOT"), "stage");
        assertProblem(Api.as(port, "mona").get("/api/leads?size=1000"), "size");
    }

    @Test
    void csvImportReportsEveryRowAndABadRowBlocksNoGoodOne() {
        String dup = "dup-" + UUID.randomUUID() + "@acme.example";
        String csv = """
                externalId,firstName,lastName,email,phone,jobTitle,company,companySize,industry,country,source,campaign,engagements
                ,Ada,One,%s,+1 555,CTO,Acme,300,Software,US,inbound,csv,demo_request@2026-11-01T10:00:00Z
                ,Ada,One,%s,+1 555,CTO,Acme,300,Software,US,inbound,csv,
                ,Bob,Bad,not-an-email,,,,,,,inbound,csv,
                ,Cy,Size,cy-%s@acme.example,,,,-5,,,partner,csv,
                ,Di,Ok,di-%s@acme.example,,Engineer,Beta,20,Retail,GB,referral,csv,webinar@2026-11-02T10:00:00Z
                """.formatted(dup, dup, UUID.randomUUID(), UUID.randomUUID());

        Api.Response response = intake().postRaw("/api/leads/import", "text/csv", csv);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.path("rows").asInt()).isEqualTo(5);
        assertThat(report.path("created").asInt()).isEqualTo(2);
        assertThat(report.path("duplicates").asInt()).isEqualTo(1);
        assertThat(report.path("rejected").asInt()).isEqualTo(2);
        JsonNode results = report.path("results");
        assertThat(results.get(1).path("status").asText()).isEqualTo("DUPLICATE");
        assertThat(results.get(1).path("id").asText()).isEqualTo(results.get(0).path("id").asText());
        assertThat(results.get(2).path("errors").get(0).path("field").asText()).isEqualTo("email");
        assertThat(results.get(3).path("errors").get(0).path("field").asText()).isEqualTo("companySize");
        assertThat(results.get(4).path("row").asInt()).isEqualTo(6);
        // Imported leads are judged in the background: recorded now, scored when the job executor runs.
        String di = results.get(4).path("id").asText();
        assertThat(intakeGet(di).path("stage").asText()).isEqualTo("LEAD");
        runBackgroundJobs(di);
        // No phone: the MQL definition sends it to enrichment.
        assertThat(intakeGet(di).path("stage").asText()).isEqualTo("ENRICHMENT");
    }

    @Test
    void aNewVersionOfTheMqlDefinitionDeployedOutsideTheAgreementJudgesNobody() throws Exception {
        String original = new String(getClass().getResourceAsStream("/processes/mql-definition.dmn").readAllBytes());
        int current = Api.as(port, "sally").get("/api/agreements/current").json().path("decisions")
                .path("mqlDefinition").asInt();
        // A process owner raises the engagement threshold for good-fit leads from 25 to 45 in Modeler.
        String raised = original.replace("&gt;= 25", "&gt;= 45");
        assertThat(raised).isNotEqualTo(original);
        try {
            deploy(raised);
            // Until both managers sign an agreement naming it (AgreementIT), leads are judged as agreed.
            Api.Response lead = intake().post("/api/leads", vp(null));
            assertThat(lead.json().path("mqlDefinitionVersion").asInt()).isEqualTo(current);
            assertThat(lead.json().path("stage").asText()).isEqualTo("MQL");
        } finally {
            deploy(original);
        }
    }

    @Test
    void runsOnTheDatabaseOfThisBuildExecution() throws Exception {
        String product = jdbc.sql("select 1").query((rs, i) -> rs.getStatement().getConnection().getMetaData()
                .getDatabaseProductName()).single();
        assertThat(product.toLowerCase()).contains(TestDatabase.name().equals("postgres") ? "postgres" : "h2");
    }

    private void runBackgroundJobs(String leadId) {
        for (var instance : LeadProcesses.all(engine.getRuntimeService(), intakeGet(leadId).path("number").asText())) {
            engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).executable().list()
                    .forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
    }

    private void deploy(String dmn) {
        engine.getRepositoryService().createDeployment().name("test").addString("processes/mql-definition.dmn", dmn)
                .deploy();
    }

    private Api intake() {
        return Api.as(port, "intake");
    }

    private JsonNode intakeGet(String id) {
        return intake().get("/api/leads/" + id).json();
    }

    private void assertProblem(Api.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).as(response.body()).contains(field);
    }

    private long leadsWithEmail(String email) {
        return jdbc.sql("select count(*) from lead where email = ?").param(email).query(Long.class).single();
    }

    private long allLeads() {
        return jdbc.sql("select count(*) from lead").query(Long.class).single();
    }

    static Map<String, Object> vp(String externalId) {
        return TestLeads.vp(externalId);
    }

    static Map<String, Object> student() {
        Map<String, Object> body = vp(null);
        body.put("firstName", "Stu");
        body.put("jobTitle", "Student");
        body.put("companySize", 5);
        body.put("industry", "Education");
        body.put("email", "stu-" + UUID.randomUUID() + "@uni.example");
        body.put("engagements", List.of(engagement("email_click", 1)));
        return body;
    }

    static Map<String, Object> engagement(String type, int hoursAgo) {
        return TestLeads.engagement(type, hoursAgo);
    }
}
