package dev.handoff.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.platform.EngineClock;
import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;

/** The content-request API and the hub, called over HTTP as the demo people, with the engine REST API alongside. */
@IntegrationTest
class ContentApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void invalidRequestsAreAnsweredWithProblemDetailsAndCreateNothing() {
        long before = requestCount();
        Map<String, Object> body = request("x");
        body.put("title", " ");
        body.put("type", "poster");
        body.put("neededBy", EngineClock.now().toLocalDate().minusDays(3).toString());
        body.remove("need");

        Api.Response response = Api.as(port, "sam").post("/api/content-requests", body);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(fields(response)).containsExactlyInAnyOrder("need", "neededBy", "title", "type");

        // The persona is one of the agreement's catalogue, by key: free text or a job title is refused.
        Map<String, Object> freeText = request("Free text persona");
        freeText.put("persona", "Head of IT");
        Api.Response unknown = Api.as(port, "sam").post("/api/content-requests", freeText);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(fields(unknown)).containsExactly("persona");
        assertThat(unknown.body()).contains("finance-leader, sales-leader, it-leader, founder-ceo");

        Api.Response badDate = Api.as(port, "sam").post("/api/content-requests",
                "{\"type\":\"deck\",\"title\":\"t\",\"need\":\"n\",\"persona\":\"it-leader\",\"neededBy\":\"next friday\"}");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(fields(badDate)).containsExactly("neededBy");
        assertThat(requestCount()).isEqualTo(before);
    }

    @Test
    void onlySalesMayRequestContentThroughTheApi() {
        long before = requestCount();
        Api.Response asCora = Api.as(port, "cora").post("/api/content-requests", request("On behalf of sales"));
        assertThat(asCora.status()).as(asCora.body()).isEqualTo(403);
        assertThat(asCora.contentType()).startsWith("application/problem+json");
        assertThat(Api.anonymous(port).post("/api/content-requests", request("Anonymous")).status()).isEqualTo(401);
        assertThat(requestCount()).isEqualTo(before);
    }

    @Test
    void anSdrCannotTriageButContentMarketingCan() {
        String title = "Objection handling for " + unique();
        JsonNode created = create("sam", title);
        String instance = created.path("processInstanceId").asText();
        assertThat(Api.as(port, "sam").get("/engine-rest/task?processInstanceId=" + instance).json()).isEmpty();
        String triage = taskId("cora", instance);
        assertThat(Api.columns(Api.as(port, "cora").filterList("Content queue", Map.of("processInstanceId", instance))))
                .containsEntry("tasklistRequest", title);

        Api.Response bySam = Api.as(port, "sam").post("/engine-rest/task/" + triage + "/complete",
                variables(Map.of("triageDecision", "decline", "declineReason", "not needed")));
        assertThat(bySam.status()).as(bySam.body()).isIn(403, 404);
        assertThat(Api.as(port, "cora").get("/engine-rest/task/" + triage).status()).isEqualTo(200);

        complete("cora", triage, Map.of("triageDecision", "decline", "declineReason", "Covered by the pricing FAQ"));
        JsonNode request = Api.as(port, "sam").get("/api/content-requests/" + created.path("id").asLong()).json();
        assertThat(request.path("status").asText()).isEqualTo("declined");
        assertThat(request.path("declineReason").asText()).isEqualTo("Covered by the pricing FAQ");
    }

    @Test
    void samsBattlecardGoesThroughOneRevisionIntoTheHubAndAReuseClosesAtOnce() {
        String title = "Battlecard vs. competitor X " + unique();
        JsonNode created = create("sam", title);
        long id = created.path("id").asLong();
        String instance = created.path("processInstanceId").asText();

        JsonNode triage = Api.as(port, "cora").get("/engine-rest/task?processInstanceId=" + instance).json().get(0);
        assertThat(triage.path("name").asText()).isEqualTo("Triage request");
        assertThat(triage.path("due").asText()).isNotEmpty();
        complete("cora", triage.path("id").asText(), Map.of("triageDecision", "accept", "agreedDueDate",
                EngineClock.now().toLocalDate().plusDays(7).toString()));
        complete("cora", taskId("cora", instance), Map.of("draftLink", "https://drive.example/x-v1",
                "tags", "competitor x, pricing"));
        complete("sam", taskId("sam", instance), Map.of("reviewDecision", "changes", "feedback", "Add the pricing table"));
        JsonNode revision = Api.as(port, "cora").get("/engine-rest/task/" + taskId("cora", instance)
                + "/form-variables?variableNames=feedback,revisionCount").json();
        assertThat(revision.path("feedback").path("value").asText()).isEqualTo("Add the pricing table");
        complete("cora", taskId("cora", instance), Map.of("draftLink", "https://drive.example/x-v2"));
        complete("sam", taskId("sam", instance), Map.of("reviewDecision", "approve"));

        JsonNode hit = search("sam", "/api/content?q=COMPETITOR+x&type=battlecard&size=100", title);
        assertThat(hit.path("revisionCount").asInt()).isEqualTo(1);
        assertThat(hit.path("versionCount").asInt()).isEqualTo(2);
        assertThat(hit.path("requester").asText()).isEqualTo("sam");
        assertThat(hit.path("author").asText()).isEqualTo("cora");
        assertThat(hit.path("link").asText()).isEqualTo("https://drive.example/x-v2");
        assertThat(hit.path("cycleTime").asText()).startsWith("PT");
        assertThat(hit.path("requestId").asLong()).isEqualTo(id);

        JsonNode request = Api.as(port, "cora").get("/api/content-requests/" + id).json();
        assertThat(request.path("status").asText()).isEqualTo("published");
        assertThat(request.path("assetId").asLong()).isEqualTo(hit.path("id").asLong());
        List<String> kinds = new ArrayList<>();
        request.path("timeline").forEach(e -> kinds.add(e.path("kind").asText()));
        assertThat(kinds).containsSubsequence("requested", "accepted", "draft_submitted", "changes_requested",
                "revision_started", "draft_submitted", "approved", "published", "announced");
        assertThat(request.path("timeline").get(0).path("actor").asText()).isEqualTo("sam");
        assertThat(request.path("timeline").get(1).path("actor").asText()).isEqualTo("cora");

        JsonNode detail = Api.as(port, "alex").get("/api/content/" + hit.path("id").asLong()).json();
        assertThat(detail.path("versions")).hasSize(2);

        // The next rep asking for the same gets the asset at once.
        JsonNode again = create("alex", "Anything against competitor X? " + unique());
        String againInstance = again.path("processInstanceId").asText();
        complete("cora", taskId("cora", againInstance), Map.of("triageDecision", "reuse",
                "reuseAssetId", hit.path("id").asLong()));
        JsonNode reused = Api.as(port, "alex").get("/api/content-requests/" + again.path("id").asLong()).json();
        assertThat(reused.path("status").asText()).isEqualTo("reused");
        assertThat(reused.path("reusedAssetId").asLong()).isEqualTo(hit.path("id").asLong());
        assertThat(Api.as(port, "admin").get("/engine-rest/process-instance/" + againInstance).status()).isEqualTo(404);
        assertThat(search("sam", "/api/content?q=" + title.substring(title.length() - 8), title)
                .path("reuseCount").asInt()).isEqualTo(1);
    }

    @Test
    void theHubIsSearchablePagedAndForSalesAndMarketingOnly() {
        String marker = unique();
        for (String persona : List.of("it-leader", "finance-leader", "finance-leader")) {
            publish("sam", "Case study " + marker + " " + persona, persona);
        }
        JsonNode page = Api.as(port, "mark").get("/api/content?q=" + marker + "&persona=Finance-Leader&size=1").json();
        assertThat(page.path("total").asLong()).isEqualTo(2);
        assertThat(page.path("items")).hasSize(1);
        assertThat(page.path("items").get(0).path("persona").asText()).isEqualTo("finance-leader");
        JsonNode second = Api.as(port, "mark").get("/api/content?q=" + marker + "&persona=finance-leader&size=1&page=1").json();
        assertThat(second.path("items").get(0).path("id").asLong())
                .isNotEqualTo(page.path("items").get(0).path("id").asLong());
        assertThat(Api.as(port, "sam").get("/api/content?q=" + marker + "&type=deck").json().path("total").asLong())
                .isZero();
        assertThat(Api.as(port, "sam").get("/api/content?q=" + marker + "%25").json().path("total").asLong())
                .as("a % in the query is a character, not a wildcard").isZero();

        Api.Response badType = Api.as(port, "sam").get("/api/content?type=poster&size=500");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(fields(badType)).containsExactlyInAnyOrder("type", "size");
        assertThat(Api.as(port, "intake").get("/api/content").status()).isEqualTo(403);
        assertThat(Api.anonymous(port).get("/api/content").status()).isEqualTo(401);
        assertThat(Api.as(port, "sam").get("/api/content/987654").status()).isEqualTo(404);
    }

    // --- helpers

    private JsonNode create(String user, String title) {
        Api.Response response = Api.as(port, user).post("/api/content-requests", request(title));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.location()).endsWith("/api/content-requests/" + response.json().path("id").asLong());
        assertThat(response.json().path("requester").asText()).isEqualTo(user);
        return response.json();
    }

    private void publish(String requester, String title, String persona) {
        Map<String, Object> body = request(title);
        body.put("type", "case_study");
        body.put("persona", persona);
        Api.Response response = Api.as(port, requester).post("/api/content-requests", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        String instance = response.json().path("processInstanceId").asText();
        complete("cora", taskId("cora", instance), Map.of("triageDecision", "accept", "agreedDueDate",
                EngineClock.now().toLocalDate().plusDays(3).toString()));
        complete("cora", taskId("cora", instance), Map.of("draftLink", "https://drive.example/" + unique()));
        complete(requester, taskId(requester, instance), Map.of("reviewDecision", "approve"));
    }

    private static Map<String, Object> request(String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "battlecard");
        body.put("title", title);
        body.put("need", "Prospects say competitor X is cheaper");
        body.put("persona", "it-leader");
        body.put("neededBy", EngineClock.now().toLocalDate().plusDays(14).toString());
        return body;
    }

    private JsonNode search(String user, String path, String title) {
        Api.Response response = Api.as(port, user).get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        for (JsonNode item : response.json().path("items")) {
            if (item.path("title").asText().equals(title)) {
                return item;
            }
        }
        throw new AssertionError(title + " not found by " + path + ": " + response.body());
    }

    private String taskId(String user, String instance) {
        Api.Response response = Api.as(port, user).get("/engine-rest/task?processInstanceId=" + instance);
        assertThat(response.json()).as(user + " sees a task of " + instance).hasSize(1);
        return response.json().get(0).path("id").asText();
    }

    private void complete(String user, String taskId, Map<String, Object> values) {
        Api api = Api.as(port, user);
        Api.Response task = api.get("/engine-rest/task/" + taskId);
        if (task.json().path("assignee").isNull() || task.json().path("assignee").isMissingNode()) {
            Api.Response claim = api.post("/engine-rest/task/" + taskId + "/claim", Map.of("userId", user));
            assertThat(claim.status()).as(claim.body()).isEqualTo(204);
        }
        Api.Response response = api.post("/engine-rest/task/" + taskId + "/complete", variables(values));
        assertThat(response.status()).as(response.body()).isEqualTo(204);
    }

    private static Map<String, Object> variables(Map<String, Object> values) {
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        return Map.of("variables", variables);
    }

    private static List<String> fields(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    private long requestCount() {
        return jdbc.queryForObject("select count(*) from content_request", Long.class);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
