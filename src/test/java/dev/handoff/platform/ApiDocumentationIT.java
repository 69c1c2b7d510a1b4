package dev.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;

/** The API description at /v3/api-docs says what the API really answers, and its examples really work. */
@IntegrationTest
class ApiDocumentationIT {

    private static final String PROBLEM = "#/components/schemas/Problem";

    @LocalServerPort
    int port;

    @Test
    void isTitledHandoffApiWithTheVersionOfTheBuild() throws Exception {
        JsonNode info = docs().path("info");

        assertThat(info.path("title").asText()).isEqualTo("Handoff API");
        assertThat(info.path("version").asText()).isEqualTo(XPathFactory.newInstance().newXPath()
                .evaluate("/project/version", DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(Path.of("pom.xml").toFile())));
    }

    @Test
    void everyOperationIsDescribedAndNeedsBasicAuthentication() {
        JsonNode docs = docs();
        JsonNode scheme = docs.path("components").path("securitySchemes").path("basicAuth");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("basic");

        List<String> operations = new ArrayList<>();
        docs.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            String name = method.getKey().toUpperCase() + " " + path.getKey();
            JsonNode operation = method.getValue();
            operations.add(name);
            assertThat(path.getKey()).as(name).startsWith("/api/");
            assertThat(operation.path("summary").asText()).as(name + " summary").isNotBlank();
            assertThat(operation.path("description").asText()).as(name + " description").isNotBlank();
            assertThat(operation.path("security").findValues("basicAuth")).as(name + " security").hasSize(1);
            operation.path("parameters").forEach(p -> assertThat(p.path("description").asText())
                    .as(name + " parameter " + p.path("name").asText()).isNotBlank());
            assertThat(operation.path("responses").properties()).as(name + " success").anySatisfy(response -> {
                assertThat(response.getKey()).startsWith("2");
                assertThat(response.getValue().path("content").path("application/json").path("schema").isEmpty())
                        .as(name + " " + response.getKey() + " schema").isFalse();
            });
            assertThat(operation.path("responses").has("401")).as(name + " 401").isTrue();
            operation.path("responses").properties().forEach(response -> {
                if (response.getKey().startsWith("4")) {
                    assertThat(problemSchema(response.getValue())).as(name + " " + response.getKey())
                            .isEqualTo(PROBLEM);
                }
            });
            if (operation.has("requestBody")) {
                assertThat(operation.path("responses").has("400")).as(name + " 400").isTrue();
                operation.path("requestBody").path("content").properties().forEach(type -> assertThat(
                        type.getValue().has("example")).as(name + " example of " + type.getKey()).isTrue());
            }
        }));
        assertThat(operations).contains("POST /api/leads", "GET /api/leads/{id}", "PUT /api/reps/{userId}",
                "POST /api/content-requests", "GET /api/reports/funnel").hasSizeGreaterThanOrEqualTo(21);
        assertThat(docs.path("components").path("schemas").path("Problem").path("properties").fieldNames())
                .toIterable().contains("type", "title", "status", "detail", "errors");
    }

    @Test
    void capturingALeadDocumentsEveryAnswerItGives() {
        JsonNode capture = docs().path("paths").path("/api/leads").path("post");
        JsonNode responses = capture.path("responses");
        assertThat(responses.fieldNames()).toIterable().contains("200", "201", "400", "401", "403", "415");
        assertThat(responses.path("201").path("content").path("application/json").path("schema").path("$ref")
                .asText()).isEqualTo("#/components/schemas/LeadView");
        for (String code : List.of("400", "401", "403", "415")) {
            assertThat(problemSchema(responses.path(code))).as(code).isEqualTo(PROBLEM);
        }
        JsonNode outcome = docs().path("paths").path("/api/leads/{id}/outcome").path("post").path("responses");
        assertThat(problemSchema(outcome.path("409"))).isEqualTo(PROBLEM);

        // And the API answers them so.
        JsonNode example = example("/api/leads", "post");
        assertProblem(Api.anonymous(port).post("/api/leads", example), 401);
        assertProblem(Api.as(port, "sam").post("/api/leads", example), 403);
        assertProblem(Api.as(port, "intake").post("/api/leads", Map.of("source", "inbound")), 400);
        assertProblem(Api.as(port, "intake").postRaw("/api/leads", "text/plain", example.toString()), 415);
    }

    @Test
    void theExampleLeadIsCapturedAsAnMql() {
        Api intake = Api.as(port, "intake");
        JsonNode lead = example("/api/leads", "post");

        Api.Response created = intake.post("/api/leads", lead);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("stage").asText()).as(created.body()).isEqualTo("MQL");
        String id = created.json().path("id").asText();
        Api.Response again = intake.post("/api/leads", lead);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().path("id").asText()).isEqualTo(id);
        Api.Response engaged = intake.post("/api/leads/" + id + "/engagements",
                example("/api/leads/{id}/engagements", "post"));
        assertThat(engaged.status()).as(engaged.body()).isEqualTo(202);
        assertThat(engaged.json().path("engagements")).hasSize(3);
    }

    @Test
    void examplesAreDatedFromTheEngineClockWhenRead() {
        OffsetDateTime then = OffsetDateTime.of(2031, 3, 4, 10, 15, 0, 0, ZoneOffset.UTC);
        ClockUtil.setCurrentTime(Date.from(then.toInstant()));
        try {
            JsonNode engagements = example("/api/leads", "post").path("engagements");
            assertThat(OffsetDateTime.parse(engagements.get(0).path("occurredAt").asText()))
                    .isEqualTo(then.minusHours(1));
            assertThat(example("/api/content-requests", "post").path("neededBy").asText()).isEqualTo("2031-03-18");
        } finally {
            ClockUtil.reset();
        }
        OffsetDateTime now = EngineClock.now();
        assertThat(OffsetDateTime.parse(example("/api/leads", "post").path("engagements").get(0).path("occurredAt")
                .asText())).isBetween(now.minusMinutes(62), now.minusMinutes(59));
    }

    private JsonNode docs() {
        Api.Response docs = Api.anonymous(port).get("/v3/api-docs");
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        return docs.json();
    }

    private JsonNode example(String path, String method) {
        return docs().path("paths").path(path).path(method).path("requestBody").path("content")
                .path("application/json").path("example");
    }

    private static String problemSchema(JsonNode response) {
        return response.path("content").path("application/problem+json").path("schema").path("$ref").asText();
    }

    private static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
    }
}
