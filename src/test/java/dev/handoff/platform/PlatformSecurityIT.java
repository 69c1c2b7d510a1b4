package dev.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;

@IntegrationTest
class PlatformSecurityIT {

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identityService;

    @Test
    void engineRestNeedsCredentials() {
        Api.Response response = Api.anonymous(port).get("/engine-rest/process-definition");
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void usersReadOnlyTheProcessDefinitionsOfTheirRole() {
        assertThat(keys(Api.as(port, "admin").get("/engine-rest/process-definition")))
                .contains("lead-lifecycle");
        assertThat(keys(Api.as(port, "sam").get("/engine-rest/process-definition")))
                .contains("lead-lifecycle").doesNotContain("alignment-review");
        assertThat(keys(Api.as(port, "cora").get("/engine-rest/process-definition")))
                .doesNotContain("lead-lifecycle");
    }

    @Test
    void aWrongPasswordIsRefused() {
        String user = "wrongpw-" + UUID.randomUUID().toString().substring(0, 8);
        User u = identityService.newUser(user);
        u.setPassword("Right-passw0rd");
        identityService.saveUser(u);

        assertThat(Api.as(port, user, "wrong").get("/engine-rest/process-definition").status()).isEqualTo(401);
        assertThat(Api.as(port, user, "wrong").get("/api/leads").status()).isEqualTo(401);
    }

    @Test
    void healthIsOpenAndOtherActuatorEndpointsAreForAdmins() {
        Api.Response health = Api.anonymous(port).get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");

        assertThat(Api.anonymous(port).get("/actuator/env").status()).isEqualTo(401);
        Api.Response asSam = Api.as(port, "sam").get("/actuator/env");
        assertThat(asSam.status()).isEqualTo(403);
        assertThat(asSam.contentType()).startsWith("application/problem+json");
        assertThat(Api.as(port, "admin").get("/actuator/env").status()).isEqualTo(200);
    }

    @Test
    void handoffApiNeedsCredentials() {
        assertThat(Api.anonymous(port).get("/api/leads").status()).isEqualTo(401);
    }

    @Test
    void integrationAccountsStayOffTheEngineApi() {
        assertThat(Api.as(port, "intake").get("/engine-rest/process-definition").status()).isEqualTo(403);
    }

    @Test
    void integrationAccountsCannotSignInToTheWebapps() {
        Api browser = Api.browser(port);
        Api.Response login = browser.logIn("intake", "intake");
        assertThat(login.status()).as(login.body()).isEqualTo(401);
        assertThat(browser.get("/camunda/api/engine/engine/default/process-instance/count").status()).isEqualTo(401);
        assertThat(browser.get("/camunda/api/engine/engine/default/process-instance").status()).isEqualTo(401);
        assertThat(browser.logIn("intake", "wrong").status()).isEqualTo(401);
        assertThat(Api.browser(port).logIn("sam", "sam").status()).isEqualTo(200);
    }

    @Test
    void theEngineRestListAndTheErrorPageTellAnonymousCallersNothing() {
        assertThat(Api.anonymous(port).get("/engine-rest/engine").status()).isEqualTo(401);
        // The webapps' login page reads the engines' names before it signs in; they are in every webapp URL.
        assertThat(Api.browser(port).get("/camunda/api/engine/engine/").status()).isEqualTo(200);
        assertThat(Api.as(port, "sam").get("/engine-rest/engine").status()).isEqualTo(200);
        Api.Response list = Api.webappSession(port, "sam").get("/camunda/api/engine/engine/");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get(0).path("name").asText()).isEqualTo("default");
        Api.Response error = Api.anonymous(port).get("/error");
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.contentType()).startsWith("application/problem+json");
        // Errors forwarded to it are still rendered as before.
        assertThat(Api.anonymous(port).get("/engine-rest/process-definition").status()).isEqualTo(401);
        assertThat(Api.as(port, "sam").get("/api/no-such-endpoint").status()).isEqualTo(404);
    }

    @Test
    void aChangeThroughAWebappSessionNeedsItsCsrfToken() {
        Map<String, Object> request = Map.of("type", "battlecard", "title", "CSRF check " + UUID.randomUUID(),
                "need", "Prospects ask about pricing", "persona", "it-leader",
                "neededBy", EngineClock.now().toLocalDate().plusDays(14).toString());
        Api session = Api.webappSession(port, "sam");

        Api.Response forged = session.withoutXsrfToken().post("/api/content-requests", request);
        assertThat(forged.status()).as(forged.body()).isEqualTo(403);
        assertThat(forged.contentType()).startsWith("application/problem+json");
        assertThat(session.withoutXsrfToken().get("/api/content").status()).isEqualTo(200);
        Api.Response sent = session.post("/api/content-requests", request);
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(Api.as(port, "sam").post("/api/content-requests", request).status()).isEqualTo(201);
    }

    @Test
    void everyDemoUserSeesTheFiltersOfItsRole() {
        List<String> common = List.of("My tasks", "My group's tasks", "Due soon / overdue");
        Map<String, List<String>> queues = Map.of(
                "sam", List.of("My leads to accept", "Overdue", "SDR queue"),
                "alex", List.of("My leads to accept", "Overdue", "AE queue"),
                "sally", List.of("My leads to accept", "Overdue", "Escalations", "SDR queue", "AE queue",
                        "Sales managers' queue"),
                "mona", List.of("Rejected leads to review", "Marketing ops queue"),
                "dean", List.of("Demand gen queue"),
                "cora", List.of("Content queue"),
                "mark", List.of("Rejected leads to review", "Marketing ops queue", "Demand gen queue", "Content queue",
                        "Marketing managers' queue"));
        queues.forEach((user, own) -> {
            List<String> expected = new ArrayList<>(common);
            expected.addAll(own);
            assertThat(names(Api.as(port, user).get("/engine-rest/filter"))).as(user)
                    .containsExactlyInAnyOrderElementsOf(expected);
        });
        assertThat(names(Api.as(port, "admin").get("/engine-rest/filter"))).hasSize(14);
    }

    @Test
    void tasklistServesItsLoginPage() {
        Api.Response page = Api.anonymous(port).get("/camunda/app/tasklist/default/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Tasklist");
    }

    private static List<String> keys(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        response.json().forEach(d -> keys.add(d.path("key").asText()));
        return keys;
    }

    private static List<String> names(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (JsonNode filter : response.json()) {
            names.add(filter.path("name").asText());
        }
        return names;
    }
}
