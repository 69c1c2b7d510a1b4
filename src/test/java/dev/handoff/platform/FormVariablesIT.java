package dev.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;
import dev.handoff.support.TestLeads;
import net.jqwik.api.Arbitraries;

/**
 * A task's or start form's submission sets the fields of that form and nothing else, on both ways into the
 * engine: the SDR who accepts a lead cannot also hand it to someone else or reset its breach count, and a start
 * form cannot smuggle in the variables the process's later steps trust. Variable names are generated too.
 */
@IntegrationTest
class FormVariablesIT {

    static final Set<String> ACCEPT_FORM = Set.of("salDecision", "rejectionReason", "rejectionNote");

    @LocalServerPort
    int port;
    @Autowired
    TaskService taskService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theAssigneeSetsTheFieldsOfTheFormOnlyOnBothWaysIn() {
        Task accept = acceptTask();
        String sdr = accept.getAssignee();
        Object breachesBefore = taskService.getVariable(accept.getId(), "breachCount");

        Api.Response rest = Api.as(port, sdr).post("/engine-rest/task/" + accept.getId() + "/submit-form",
                Api.variables(Map.of("salDecision", "accept", "owner", "steve", "breachCount", 0)));
        invalid(rest, "variables.owner", "variables.breachCount");
        assertThat(rest.json().path("errors").get(0).path("message").asText()).contains("salDecision");
        Api.Response webapps = Api.webappSession(port, sdr).post("/camunda/api/engine/engine/default/task/"
                + accept.getId() + "/complete", Api.variables(Map.of("salDecision", "accept", "owner", "steve")));
        invalid(webapps, "variables.owner");
        Api.Response resolve = Api.as(port, sdr).post("/engine-rest/task/" + accept.getId() + "/resolve",
                Api.variables(Map.of("owner", "steve")));
        invalid(resolve, "variables.owner");
        // Nothing of it reached the engine: the task is open, the lead still the SDR's.
        assertThat(taskService.createTaskQuery().taskId(accept.getId()).count()).isOne();
        assertThat(taskService.getVariable(accept.getId(), "owner")).isEqualTo(sdr);
        assertThat(taskService.getVariable(accept.getId(), "breachCount")).isEqualTo(breachesBefore);

        // The form's own fields go through, as Tasklist sends them.
        Api.Response accepted = Api.as(port, sdr).post("/engine-rest/task/" + accept.getId() + "/submit-form",
                Api.variables(Map.of("salDecision", "accept")));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
    }

    @Test
    void generatedNamesOutsideTheFormAreRefusedByName() {
        Task accept = acceptTask();
        Api sdr = Api.as(port, accept.getAssignee());
        List<String> names = Arbitraries.oneOf(Arbitraries.strings().ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("owner", "team", "breachCount", "slaDueAt", "leadId", "excludedReps", "SALDECISION",
                        "salDecision ", "salDecision\u0000", "__proto__", "variables", "../owner", "😀"))
                .filter(n -> !ACCEPT_FORM.contains(n)).sampleStream().limit(60).toList();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < names.size(); i += 3) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("salDecision", "accept");
            List<String> strays = names.subList(i, Math.min(i + 3, names.size())).stream().distinct().toList();
            strays.forEach(n -> values.put(n, "x"));
            Api.Response response = sdr.post("/engine-rest/task/" + accept.getId() + "/complete", Api.variables(values));
            List<String> named = response.status() == 400 ? response.json().path("errors").findValuesAsText("field")
                    : List.of();
            List<String> expected = strays.stream().map(n -> "variables." + n).toList();
            if (response.status() != 400 || !named.containsAll(expected) || named.size() != expected.size()) {
                failures.add(strays + " -> " + response.status() + " " + response.body());
            }
        }
        assertThat(failures).as("stray variables not refused by name").isEmpty();
        assertThat(taskService.createTaskQuery().taskId(accept.getId()).count()).as("still open").isOne();
    }

    @Test
    void aStartFormSetsItsFieldsOnly() {
        String email = "start-" + UUID.randomUUID() + "@example.com";
        Map<String, Object> values = new HashMap<>(Map.of("email", email, "source", "event", "owner", "sam",
                "mqlVerdict", "MQL"));
        Api.Response started = Api.as(port, "dean").post(
                "/engine-rest/process-definition/key/lead-lifecycle/submit-form", Api.variables(values));
        invalid(started, "variables.owner", "variables.mqlVerdict");
        assertThat(jdbc.sql("select count(*) from lead where email = ?").param(email).query(Long.class).single())
                .isZero();
        Api.Response start = Api.as(port, "sam").post("/engine-rest/process-definition/key/content-request/start",
                Api.variables(Map.of("requester", "sally")));
        invalid(start, "variables.requester");

        values.remove("owner");
        values.remove("mqlVerdict");
        Api.Response captured = Api.as(port, "dean").post(
                "/engine-rest/process-definition/key/lead-lifecycle/submit-form", Api.variables(values));
        assertThat(captured.status()).as(captured.body()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from lead where email = ?").param(email).query(Long.class).single())
                .isOne();
    }

    private Task acceptTask() {
        Api.Response created = Api.as(port, "intake").post("/api/leads", TestLeads.vp(null));
        assertThat(created.json().path("stage").asText()).as(created.body()).isEqualTo("MQL");
        String number = created.json().path("number").asText();
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(number)
                .taskDefinitionKey("Task_AcceptLead").singleResult();
        assertThat(task).as("the accept task of " + number).isNotNull();
        return task;
    }

    private static void invalid(Api.Response response, String... fields) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode errors = response.json().path("errors");
        assertThat(errors.findValuesAsText("field")).as(response.body()).containsExactlyInAnyOrder(fields);
    }

}
