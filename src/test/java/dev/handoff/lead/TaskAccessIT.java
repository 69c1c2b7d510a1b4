package dev.handoff.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;

/**
 * A rep works the tasks assigned to them, or claims an unassigned one of their team, and nobody else's: the
 * engine's own task authorizations, so the same on /engine-rest and on the webapps' engine API.
 */
@IntegrationTest
class TaskAccessIT {

    /** Meets the engine\'s password policy, which holds for users created in tests too. */
    private static final String PASSWORD = "Right-passw0rd";

    private static final Map<String, Object> ACCEPT = Map.of("variables",
            Map.of("salDecision", Map.of("value", "accept")));

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;

    @Test
    void anotherRepCannotCompleteClaimOrReassignARoutedLeadNorReadItsVariables() {
        Routed lead = routedMql();
        String other = otherSdr(lead.owner());
        Api api = Api.as(port, other);
        String task = "/engine-rest/task/" + lead.taskId();

        assertThat(api.post(task + "/complete", ACCEPT).status()).isEqualTo(403);
        assertThat(api.post(task + "/claim", Map.of("userId", other)).status()).isEqualTo(403);
        assertThat(api.post(task + "/assignee", Map.of("userId", other)).status()).isEqualTo(403);
        assertThat(api.post(task + "/unclaim", Map.of()).status()).isEqualTo(403);
        assertThat(api.get(task + "/variables").status()).isEqualTo(403);
        assertThat(api.get(task + "/form-variables").status()).isEqualTo(403);

        JsonNode still = Api.as(port, "admin").get(task).json();
        assertThat(still.path("assignee").asText()).isEqualTo(lead.owner());
        assertThat(Api.as(port, "sally").get("/api/leads/" + lead.id()).json().path("stage").asText())
                .isEqualTo("MQL");

        Api owner = Api.as(port, lead.owner());
        Api.Response variables = owner.get(task + "/variables");
        assertThat(variables.status()).isEqualTo(200);
        assertThat(variables.json().has("tasklistLead")).isTrue();
        Api.Response done = owner.post(task + "/complete", ACCEPT);
        assertThat(done.status()).as(done.body()).isEqualTo(204);
        JsonNode accepted = Api.as(port, "sally").get("/api/leads/" + lead.id()).json();
        assertThat(accepted.path("stage").asText()).isEqualTo("SAL");
        assertThat(accepted.path("owner").asText()).isEqualTo(lead.owner());
    }

    @Test
    void theSameHoldsThroughTheWebappsEngineApi() {
        Routed lead = routedMql();
        String other = otherSdr(lead.owner());
        Api session = Api.webappSession(port, other);
        String task = "/camunda/api/engine/engine/default/task/" + lead.taskId();

        // Completing someone else's task is refused before the engine is asked (dev.handoff.platform.TaskCompletions).
        Api.Response completing = session.post(task + "/complete", ACCEPT);
        assertThat(completing.status()).isEqualTo(403);
        assertThat(completing.json().path("detail").asText()).contains("is assigned to " + lead.owner());
        for (Api.Response refused : List.of(session.post(task + "/assignee", Map.of("userId", other)),
                session.get(task + "/variables"))) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().path("type").asText()).isEqualTo("AuthorizationException");
        }
        assertThat(Api.webappSession(port, lead.owner()).get(task + "/variables").status()).isEqualTo(200);
    }

    @Test
    void aSalesManagerReassignsAndThenOnlyTheNewRepWorksTheTask() {
        Routed lead = routedMql();
        String other = otherSdr(lead.owner());
        String task = "/engine-rest/task/" + lead.taskId();

        Api.Response reassigned = Api.as(port, "sally").post(task + "/assignee", Map.of("userId", other));
        assertThat(reassigned.status()).as(reassigned.body()).isEqualTo(204);

        Api previous = Api.as(port, lead.owner());
        assertThat(previous.get(task + "/variables").status()).isEqualTo(403);
        assertThat(previous.post(task + "/complete", ACCEPT).status()).isEqualTo(403);
        assertThat(Api.as(port, other).get(task + "/variables").status()).isEqualTo(200);
        assertThat(Api.as(port, other).post(task + "/complete", ACCEPT).status()).isEqualTo(204);
    }

    @Test
    void anUnassignedTaskIsClaimedByOneOfItsCandidateGroupBeforeItIsCompleted() {
        String colleague = "ops-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        User user = identityService.newUser(colleague);
        user.setPassword(PASSWORD);
        identityService.saveUser(user);
        identityService.createMembership(colleague, "marketing-ops");
        Api.Response created = Api.as(port, "intake").post("/api/leads", incomplete());
        String task = "/engine-rest/task/" + taskOf(created.json().path("id").asText(), "Task_CompleteLeadData");

        assertThat(Api.as(port, "sam").get(task + "/variables").status()).isEqualTo(403);
        assertThat(Api.as(port, colleague, PASSWORD).get(task + "/variables").status()).isEqualTo(200);
        // A candidate claims before completing, so that the lead's record says who decided.
        Api.Response unclaimed = Api.as(port, "mona").post(task + "/complete", Map.of());
        assertThat(unclaimed.status()).as(unclaimed.body()).isEqualTo(403);
        assertThat(unclaimed.body()).contains("claim it before you complete it");
        Api.Response claimed = Api.as(port, "mona").post(task + "/claim", Map.of("userId", "mona"));
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(204);

        // Once mona has it, the rest of marketing ops only see that it exists.
        assertThat(Api.as(port, colleague, PASSWORD).get(task).status()).isEqualTo(200);
        assertThat(Api.as(port, colleague, PASSWORD).get(task + "/variables").status()).isEqualTo(403);
        assertThat(Api.as(port, colleague, PASSWORD).post(task + "/complete", Map.of()).status()).isEqualTo(403);
        assertThat(Api.as(port, "mona").get(task + "/variables").status()).isEqualTo(200);
    }

    private record Routed(String id, String owner, String taskId) {
    }

    private Routed routedMql() {
        Api.Response created = Api.as(port, "intake").post("/api/leads", LeadApiIT.vp(null));
        assertThat(created.json().path("stage").asText()).as(created.body()).isEqualTo("MQL");
        String id = created.json().path("id").asText();
        String owner = Api.as(port, "sally").get("/api/leads/" + id).json().path("owner").asText();
        assertThat(SalesHandoffIT.SDRS).contains(owner);
        return new Routed(id, owner, taskOf(id, "Task_AcceptLead"));
    }

    private String taskOf(String leadId, String definitionKey) {
        String number = Api.as(port, "admin").get("/api/leads/" + leadId).json().path("number").asText();
        JsonNode tasks = Api.as(port, "admin").get("/engine-rest/task?processInstanceBusinessKey=" + number
                + "&taskDefinitionKey=" + definitionKey).json();
        assertThat(tasks).hasSize(1);
        return tasks.get(0).path("id").asText();
    }

    private static String otherSdr(String owner) {
        return SalesHandoffIT.SDRS.stream().filter(sdr -> !sdr.equals(owner)).findFirst().orElseThrow();
    }

    private static Map<String, Object> incomplete() {
        Map<String, Object> body = new java.util.HashMap<>(LeadApiIT.vp(null));
        body.remove("companySize");
        return body;
    }
}
