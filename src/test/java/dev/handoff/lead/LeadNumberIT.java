package dev.handoff.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;
import dev.handoff.support.LeadProcesses;

/**
 * The lead number (L-000123): what a manager types into Cockpit's business key search and what Tasklist, the
 * forms and the timeline show, while the UUID stays the lead's identity in the API.
 */
@IntegrationTest
class LeadNumberIT {

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    LeadNumberKeys keys;
    @Autowired
    Leads leads;

    @Test
    void aNewLeadGetsTheNextNumberAndItsProcessIsFoundByIt() {
        JsonNode first = intake().post("/api/leads", LeadApiIT.vp(null)).json();
        JsonNode second = intake().post("/api/leads", LeadApiIT.vp(null)).json();

        assertThat(first.path("number").asText()).matches("L-\\d{6,}");
        assertThat(sequence(second)).isEqualTo(sequence(first) + 1);
        String number = second.path("number").asText();
        assertThat(Api.as(port, "intake").get("/api/leads/" + second.path("id").asText()).json().path("number")
                .asText()).isEqualTo(number);
        // Cockpit's search by business key, through the engine's REST API as a manager.
        // It finds the lifecycle and the stage the lead is in.
        JsonNode instances = Api.as(port, "sally").get("/engine-rest/process-instance?businessKey=" + number).json();
        assertThat(instances).extracting(i -> i.path("definitionKey").asText())
                .containsExactlyInAnyOrder(LeadVariables.PROCESS_KEY, LeadVariables.SALES_ACCEPTANCE_KEY);
        for (JsonNode instance : instances) {
            assertThat(engine.getRuntimeService().getVariable(instance.path("id").asText(), LeadVariables.LEAD_ID))
                    .isEqualTo(second.path("id").asText());
        }
        // The timeline starts with it.
        JsonNode captured = second.path("timeline").get(0);
        assertThat(captured.path("type").asText()).isEqualTo("CAPTURED");
        assertThat(captured.path("reason").asText()).startsWith(number + " from API");
    }

    @Test
    void theRepSeesTheNumberInTasklistsColumns() {
        JsonNode lead = intake().post("/api/leads", LeadApiIT.vp(null)).json();
        String rep = lead.path("owner").asText();
        JsonNode task = Api.as(port, rep).get("/engine-rest/task?processInstanceBusinessKey="
                + lead.path("number").asText()).json().get(0);

        JsonNode columns = Api.as(port, rep).get("/engine-rest/task/" + task.path("id").asText() + "/variables").json();
        assertThat(columns.path("tasklistLeadNumber").path("value").asText()).isEqualTo(lead.path("number").asText());
        assertThat(columns.path("tasklistLead").path("value").asText()).isEqualTo("Vera Vice");
    }

    @Test
    void leadsCreatedAtOnceGetDifferentNumbers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Api.Response>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit((Callable<Api.Response>) () -> intake().post("/api/leads",
                        LeadApiIT.vp("concurrent-" + UUID.randomUUID()))));
            }
            Set<String> numbers = new HashSet<>();
            for (Future<Api.Response> result : results) {
                Api.Response response = result.get();
                assertThat(response.status()).as(response.body()).isEqualTo(201);
                numbers.add(response.json().path("number").asText());
            }
            assertThat(numbers).hasSize(16);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aProcessStartedBeforeLeadNumbersGetsItsNumberAsKeyAndStillHearsMessages() throws Exception {
        JsonNode lead = intake().post("/api/leads", LeadApiIT.student()).json();
        String id = lead.path("id").asText();
        String number = lead.path("number").asText();
        // The lifecycle and the stage it waits in (nurture: a student is no MQL).
        List<String> instances = LeadProcesses.all(engine.getRuntimeService(), number).stream()
                .map(ProcessInstance::getId).toList();
        assertThat(instances).hasSize(2);
        // As processes of an earlier release: their lead's UUID as business key, no number variable.
        for (String instance : instances) {
            keys.updateBusinessKey(instance, id);
            engine.getRuntimeService().removeVariableLocal(instance, LeadVariables.LEAD_NUMBER);
        }
        assertThat(LeadProcesses.all(engine.getRuntimeService(), number)).isEmpty();

        keys.run(null);

        for (String instance : instances) {
            assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance)
                    .singleResult().getBusinessKey()).isEqualTo(number);
            assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance)
                    .singleResult().getBusinessKey()).isEqualTo(number);
            assertThat(engine.getRuntimeService().getVariable(instance, LeadVariables.LEAD_NUMBER)).isEqualTo(number);
        }
        String instance = LeadProcesses.stage(engine.getRuntimeService(), number).getId();
        long heard = engaged(instance);
        leads.recordEngagements(id, List.of(new Engagement(EngagementType.WEBINAR, dev.handoff.platform.EngineClock.now())),
                "test");
        assertThat(engaged(instance)).isEqualTo(heard + 1);
    }

    private long engaged(String instance) {
        return engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId("Event_EngagementRecorded").count();
    }

    private static long sequence(JsonNode lead) {
        return Long.parseLong(lead.path("number").asText().substring(2));
    }

    private Api intake() {
        return Api.as(port, "intake");
    }
}
