package dev.handoff.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.handoff.sla.BusinessTime;
import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;
import dev.handoff.support.LeadProcesses;

/**
 * A process owner changes one stage in Camunda Modeler and deploys it as Modeler does (only the open diagram,
 * deploy changed only): that stage gets one new version, no other lead process does, and the next MQL runs on it.
 */
@IntegrationTest
class StageDeploymentIT {

    static final Path STAGE = Path.of("processes", "lead-sales-acceptance.bpmn");

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    BusinessTime businessTime;

    @Test
    void aStageDeployedFromModelerIsTheOnlyNewVersionAndTheNextMqlFollowsIt() throws Exception {
        String original = Files.readString(STAGE);
        String changed = original.replace("${businessTime.fraction(slaStartedAt, slaDueAt, 0.5)}",
                "${businessTime.fraction(slaStartedAt, slaDueAt, 0.4)}").replace("Half the SLA gone", "40 % of the SLA gone");
        assertThat(changed).isNotEqualTo(original).contains("0.4)}");
        Map<String, Integer> before = versions();
        try {
            Api.Response deployed = deployAsModeler("mona", changed);
            assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
            Map<String, Integer> after = versions();
            Map<String, Integer> expected = new HashMap<>(before);
            expected.put(LeadVariables.SALES_ACCEPTANCE_KEY, before.get(LeadVariables.SALES_ACCEPTANCE_KEY) + 1);
            assertThat(after).isEqualTo(expected);
            // Deployed again unchanged: nothing new.
            assertThat(deployAsModeler("mona", changed).status()).isEqualTo(200);
            assertThat(versions()).isEqualTo(expected);

            String number = Api.as(port, "intake").post("/api/leads", LeadApiIT.vp(null)).json().path("number")
                    .asText();
            ProcessInstance stage = LeadProcesses.stage(engine.getRuntimeService(), number);
            ProcessDefinition definition = engine.getRepositoryService().getProcessDefinition(
                    stage.getProcessDefinitionId());
            assertThat(definition.getKey()).isEqualTo(LeadVariables.SALES_ACCEPTANCE_KEY);
            assertThat(definition.getVersion()).isEqualTo(expected.get(LeadVariables.SALES_ACCEPTANCE_KEY));
            Date started = (Date) engine.getRuntimeService().getVariable(stage.getId(), LeadVariables.SLA_STARTED_AT);
            Date due = (Date) engine.getRuntimeService().getVariable(stage.getId(), LeadVariables.SLA_DUE_AT);
            Job reminder = engine.getManagementService().createJobQuery().processInstanceId(stage.getId())
                    .activityId("Event_AcceptReminderDue").singleResult();
            assertThat(reminder.getDuedate()).isEqualTo(businessTime.fraction(started, due, 0.4))
                    .isBefore(businessTime.fraction(started, due, 0.5));
        } finally {
            // The shared test context goes on with the stage as the repository has it.
            assertThat(deployAsModeler("mona", original).status()).isEqualTo(200);
        }
    }

    @Test
    void onlyWhoMayDeployDeploysAStage() throws Exception {
        Map<String, Integer> before = versions();
        String changed = Files.readString(STAGE).replace("Half the SLA gone", "Half the SLA gone!");
        assertThat(deployAsModeler("sam", changed).status()).isEqualTo(403);
        assertThat(versions()).isEqualTo(before);
    }

    /**
     * The upgrade to the stage processes: a lead that waits in lead-lifecycle's last single-plane version (commit
     * b3c8079, before the split) when the stages are deployed keeps its version and finishes its whole path on it,
     * reminder and breach timers included, with the delegates and API of this build; the next MQL runs in stages.
     */
    @Test
    void aLeadWaitingInTheSinglePlaneVersionFinishesItsPathAfterTheStagesAreDeployed() throws Exception {
        var repository = engine.getRepositoryService();
        try (var old = getClass().getResourceAsStream("/upgrade/lead-lifecycle-single-plane.bpmn")) {
            repository.createDeployment().name("lead-lifecycle before the stages").addInputStream(
                    "lead-lifecycle.bpmn", old).deploy();
        }
        String leadId;
        String number;
        ProcessInstance single;
        try {
            var created = Api.as(port, "intake").post("/api/leads", LeadApiIT.vp(null)).json();
            leadId = created.path("id").asText();
            number = created.path("number").asText();
            single = LeadProcesses.lifecycle(engine.getRuntimeService(), number);
        } finally {
            // The build's own lifecycle is the latest again, as after an upgrade's start-up.
            repository.createDeployment().name("lead-lifecycle").addString("lead-lifecycle.bpmn",
                    Files.readString(Path.of("processes", "lead-lifecycle.bpmn"))).deploy();
        }
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(single.getId())
                .count()).as("the single plane calls no stage").isZero();
        ProcessDefinition singleDefinition = repository.getProcessDefinition(single.getProcessDefinitionId());
        assertThat(singleDefinition.getVersion()).isLessThan(repository.createProcessDefinitionQuery()
                .processDefinitionKey(LeadVariables.PROCESS_KEY).latestVersion().singleResult().getVersion());

        execute(single.getId(), "Event_AcceptReminderDue");
        execute(single.getId(), "Event_AcceptSlaBreached");
        complete(single.getId(), "Task_AcceptLead", Map.of("salDecision", "accept"));
        complete(single.getId(), "Task_LogContactAttempt", Map.of("contactChannel", "phone", "contactOutcome",
                "meeting_booked"));
        complete(single.getId(), "Task_HoldDiscoveryMeeting", Map.of("meetingOutcome", "opportunity",
                "opportunityAmount", 25000));
        Api.Response won = Api.as(port, "intake").post("/api/leads/" + leadId + "/outcome", Map.of("outcome", "won",
                "amount", 25000));
        assertThat(won.status()).as(won.body()).isEqualTo(200);

        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(single.getId()).count())
                .isZero();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(single.getId())
                .count()).as("the old instance ended").isZero();
        var lead = Api.as(port, "sally").get("/api/leads/" + leadId).json();
        assertThat(lead.path("stage").asText()).isEqualTo("WON");
        List<String> timeline = new java.util.ArrayList<>();
        lead.path("timeline").forEach(entry -> timeline.add(entry.path("type").asText()));
        assertThat(timeline).contains("SLA_BREACHED", "SAL_ACCEPTED", "HANDED_TO_AE", "OPPORTUNITY", "WON");

        String next = Api.as(port, "intake").post("/api/leads", LeadApiIT.vp(null)).json().path("number").asText();
        assertThat(LeadProcesses.stage(engine.getRuntimeService(), next).getProcessDefinitionId())
                .startsWith(LeadVariables.SALES_ACCEPTANCE_KEY + ":");
    }

    private void execute(String instance, String activity) {
        Job job = engine.getManagementService().createJobQuery().processInstanceId(instance).activityId(activity)
                .singleResult();
        assertThat(job).as(activity).isNotNull();
        Api.Response executed = Api.as(port, "admin").post("/engine-rest/job/" + job.getId() + "/execute", Map.of());
        assertThat(executed.status()).as(activity + ": " + executed.body()).isEqualTo(204);
    }

    /** As the task's assignee through the REST API, as Tasklist does. */
    private void complete(String instance, String taskKey, Map<String, Object> values) {
        var task = engine.getTaskService().createTaskQuery().processInstanceId(instance).taskDefinitionKey(taskKey)
                .singleResult();
        assertThat(task).as(taskKey).isNotNull();
        Map<String, Object> variables = new HashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        Api.Response completed = Api.as(port, task.getAssignee()).post("/engine-rest/task/" + task.getId()
                + "/complete", Map.of("variables", variables));
        assertThat(completed.status()).as(taskKey + ": " + completed.body()).isEqualTo(204);
    }

    /** The lead processes' latest versions. */
    private Map<String, Integer> versions() {
        Map<String, Integer> versions = new HashMap<>();
        for (String key : keys()) {
            versions.put(key, engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key)
                    .latestVersion().singleResult().getVersion());
        }
        return versions;
    }

    private static List<String> keys() {
        List<String> keys = new java.util.ArrayList<>(LeadVariables.STAGE_KEYS);
        keys.add(LeadVariables.PROCESS_KEY);
        return keys;
    }

    /** What Camunda Modeler 5 sends when a process owner deploys the open diagram to Camunda 7. */
    private Api.Response deployAsModeler(String user, String bpmn) throws Exception {
        String boundary = "----modeler" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> fields = Map.of("deployment-name", "lead-sales-acceptance", "deployment-source",
                "Camunda Modeler", "deploy-changed-only", "true");
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"lead-sales-acceptance.bpmn\";"
                + " filename=\"lead-sales-acceptance.bpmn\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(bpmn.getBytes(StandardCharsets.UTF_8));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return Api.as(port, user).postBytes("/engine-rest/deployment/create", "multipart/form-data; boundary="
                + boundary, body.toByteArray());
    }
}
