package dev.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;

/** Calls every cell of {@link AccessMatrix}: each role against one request of each endpoint family. */
@IntegrationTest
class AccessMatrixIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    private int calls;

    @Test
    void everyRoleGetsTheAnswerTheMatrixSays() throws IOException {
        Map<String, String> fixtures = fixtures();
        Map<String, Api> sessions = new HashMap<>();
        Map<AccessMatrix.Row, List<String>> measured = new LinkedHashMap<>();
        for (AccessMatrix.Row row : AccessMatrix.ROWS) {
            List<String> cells = new ArrayList<>();
            for (AccessMatrix.Role role : AccessMatrix.ROLES) {
                cells.add(call(row, role, fixtures, sessions));
            }
            measured.put(row, cells);
        }
        String actual = AccessMatrix.markdown(measured);
        Path report = Path.of("target", "access-matrix-measured.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, actual);
        assertThat(actual).as("measured (also in " + report + ")").isEqualTo(AccessMatrix.markdown());
    }

    /**
     * The guard reads the path as the engine's REST API does: a write spelled otherwise (an encoded letter, a
     * doubled slash, a path parameter, the engine named) that reaches the variables as an admin is refused to
     * marketing ops and sets nothing.
     */
    @Test
    void aVariableWriteSpelledOtherwiseIsRefusedAlike() {
        JsonNode lead = Api.as(port, "intake").post("/api/leads", body("NURTURE")).json();
        String instance = Api.as(port, "admin").get("/engine-rest/process-instance?businessKey="
                + lead.path("number").asText()).json().get(0).path("id").asText();
        String probe = "{\"value\":\"probe\",\"type\":\"String\"}";
        String base = "/engine-rest/process-instance/" + instance;
        Map<String, String> answers = new LinkedHashMap<>();
        int spelling = 0;
        for (String variables : List.of(base + "/%76ariables/", base + "//variables/", base + "/variables;x=1/",
                "/engine-rest/engine/default/process-instance/" + instance + "/variables/",
                "/engine-rest//engine/default/process-instance/" + instance + "/variables/")) {
            spelling++;
            int admin = Api.as(port, "admin").put(variables + "byAdmin" + spelling, probe).status();
            int mona = Api.as(port, "mona").put(variables + "byMona" + spelling, probe).status();
            answers.put(variables, admin + "/" + mona);
            if (admin == 204) {
                assertThat(mona).as(variables + " admin/mona " + answers.get(variables)).isEqualTo(403);
            }
            assertThat(Api.as(port, "admin").get(base + "/variables/byMona" + spelling).status())
                    .as("nothing set by " + variables).isEqualTo(404);
        }
        assertThat(answers.values()).as("admin/mona by spelling: " + answers).filteredOn(a -> a.startsWith("204"))
                .hasSizeGreaterThanOrEqualTo(2);
    }

    private String call(AccessMatrix.Row row, AccessMatrix.Role role, Map<String, String> fixtures,
            Map<String, Api> sessions) {
        String path = fill(row.path(), fixtures);
        if ("LOGIN".equals(row.body())) {
            if (role.user() == null) {
                return "—";
            }
            Api browser = Api.browser(port);
            int status = browser.logIn(role.user(), role.user()).status();
            if (status == 200) {
                browser.get("/camunda/api/admin/auth/user/default");
            }
            sessions.put(role.user(), browser);
            return String.valueOf(status);
        }
        Api api;
        if (role.user() == null) {
            api = row.way() == AccessMatrix.Way.SESSION ? Api.browser(port) : Api.anonymous(port);
        } else if (row.way() == AccessMatrix.Way.SESSION) {
            api = sessions.computeIfAbsent(role.user(), user -> {
                Api browser = Api.browser(port);
                browser.logIn(user, user);
                browser.get("/camunda/api/admin/auth/user/default");
                return browser;
            });
        } else {
            api = Api.as(port, role.user());
        }
        Api.Response response = switch (row.method()) {
            case "GET" -> api.get(path);
            case "PUT" -> api.put(path, fill(body(row.body()), fixtures));
            case "DELETE" -> api.delete(path);
            case "POST" -> row.body() != null && row.body().endsWith("CSV")
                    ? api.postRaw(path, "text/csv", csv(row.body()))
                    : api.post(path, fill(body(row.body()), fixtures));
            default -> throw new IllegalArgumentException(row.method());
        };
        return String.valueOf(response.status());
    }

    /** A lead in nurture, and an MQL routed to another SDR than sam with its instance and open task. */
    private Map<String, String> fixtures() {
        Api intake = Api.as(port, "intake");
        Map<String, String> fixtures = new HashMap<>();
        JsonNode nurtured = intake.post("/api/leads", body("NURTURE")).json();
        fixtures.put("nurtured", nurtured.path("id").asText());
        fixtures.put("nurturedNumber", nurtured.path("number").asText());
        fixtures.put("erasable", intake.post("/api/leads", body("NURTURE")).json().path("id").asText());
        for (int attempt = 0; attempt < 6 && !fixtures.containsKey("lead"); attempt++) {
            JsonNode lead = intake.post("/api/leads", body("LEAD")).json();
            assertThat(lead.path("stage").asText()).as(lead.toString()).isEqualTo("MQL");
            String id = lead.path("id").asText();
            String owner = Api.as(port, "admin").get("/api/leads/" + id).json().path("owner").asText();
            if (!owner.isEmpty() && !owner.equals("sam")) {
                JsonNode task = Api.as(port, "admin").get("/engine-rest/task?processInstanceBusinessKey="
                        + lead.path("number").asText() + "&taskDefinitionKey=Task_AcceptLead").json().get(0);
                fixtures.put("lead", id);
                fixtures.put("owner", owner);
                fixtures.put("task", task.path("id").asText());
                fixtures.put("instance", task.path("processInstanceId").asText());
            }
        }
        assertThat(fixtures).containsKeys("lead", "nurtured");
        return fixtures;
    }

    private String body(String kind) {
        calls++;
        if (kind == null || kind.startsWith("{")) {
            return kind == null ? "{}" : kind;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        switch (kind) {
            case "LEAD", "NURTURE" -> {
                boolean vp = kind.equals("LEAD");
                body.put("firstName", vp ? "Vera" : "Stu");
                body.put("lastName", "Matrix");
                body.put("email", "matrix-" + UUID.randomUUID() + "@example.com");
                body.put("phone", "+49 30 1234");
                body.put("jobTitle", vp ? "VP Sales" : "Student");
                body.put("company", vp ? "Acme" : "Uni");
                body.put("companySize", vp ? 500 : 5);
                body.put("industry", vp ? "Software" : "Education");
                body.put("country", "DE");
                body.put("source", "inbound");
                body.put("engagements", List.of(engagement(vp ? "demo_request" : "email_click")));
            }
            case "ENGAGEMENT" -> body.put("engagements", List.of(engagement("email_click")));
            case "CONTENT" -> {
                body.put("type", "battlecard");
                body.put("title", "Matrix " + UUID.randomUUID());
                body.put("need", "Prospects ask about pricing");
                body.put("persona", "it-leader");
                body.put("neededBy", EngineClock.now().toLocalDate().plusDays(14).toString());
            }
            case "ACCOUNT" -> {
                String unique = UUID.randomUUID().toString().substring(0, 8);
                body.put("name", "Matrix " + unique);
                body.put("domains", List.of("matrix-" + unique + ".example"));
                body.put("owner", "sam");
                body.put("team", "sdr");
            }
            case "EVENT" -> {
                body.put("name", "Matrix meetup " + UUID.randomUUID());
                // A year ahead: no digest of the tests' months lists it.
                body.put("startsOn", EngineClock.now().toLocalDate().plusYears(1).toString());
                body.put("link", "https://events.example/matrix");
            }
            default -> throw new IllegalArgumentException(kind);
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An engagement at a distinct minute, so each call records a new one. */
    private Map<String, Object> engagement(String type) {
        return Map.of("type", type, "occurredAt",
                EngineClock.now().minusDays(2).withNano(0).minusMinutes(++calls).toString());
    }

    private String csv(String kind) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        if (kind.equals("ACCOUNT_CSV")) {
            return "name,domains,owner,team,tier\nMatrix " + unique + ",matrix-" + unique + ".example,sam,sdr,\n";
        }
        return "firstName,lastName,email,jobTitle,company,companySize,industry,country,source\n"
                + "Stu,Matrix,matrix-" + unique + "@example.com,Student,Uni,5,Education,DE,inbound\n";
    }

    private static String fill(String text, Map<String, String> fixtures) {
        String filled = text;
        for (Map.Entry<String, String> fixture : fixtures.entrySet()) {
            filled = filled.replace("{" + fixture.getKey() + "}", fixture.getValue());
        }
        return filled;
    }
}
