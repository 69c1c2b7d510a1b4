package dev.handoff.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.sla.BusinessTime;
import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;
import dev.handoff.support.LeadProcesses;

/** The sales half as its users meet it: Tasklist filters, the engine's REST API and Handoff's API. */
@IntegrationTest
class SalesHandoffIT {

    static final List<String> SDRS = List.of("sam", "sophie", "steve");

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    BusinessTime businessTime;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anMqlLandsInExactlyOneSdrsLeadsToAcceptDueWithinBusinessHours() {
        String id = mql();

        List<String> holders = new ArrayList<>();
        for (String sdr : SDRS) {
            JsonNode tasks = inFilter(sdr, "My leads to accept", id);
            if (!tasks.isEmpty()) {
                holders.add(sdr);
                assertThat(tasks.get(0).path("name").asText()).isEqualTo("Accept or reject lead");
                OffsetDateTime due = OffsetDateTime.parse(tasks.get(0).path("due").asText().replace("+0000", "Z"));
                var local = due.atZoneSameInstant(ZoneId.of("Europe/Berlin"));
                assertThat(businessTime.hours().isWorkingDay(local.toLocalDate())).isTrue();
                assertThat(local.toLocalTime()).isBetween(java.time.LocalTime.of(9, 0), java.time.LocalTime.of(18, 0));
            }
        }
        assertThat(holders).hasSize(1);
        JsonNode lead = Api.as(port, "sally").get("/api/leads/" + id).json();
        assertThat(lead.path("owner").asText()).isEqualTo(holders.get(0));
        // Tasklist's columns: the rep may read the task, not the process instance, and still sees who the lead is.
        Map<String, String> columns = Api.columns(inFilter(holders.get(0), "My leads to accept", id));
        assertThat(columns).containsEntry("tasklistLead", lead.path("firstName").asText() + " "
                + lead.path("lastName").asText()).containsEntry("tasklistCompany", lead.path("company").asText())
                .containsKeys("tasklistGrade", "tasklistSlaDue");
        assertThat(lead.path("slaDueAt").asText()).isNotEmpty();
        JsonNode routed = event(lead, "ROUTED");
        assertThat(routed.path("detail").asText()).contains("considered", "sam", "sophie", "steve");
    }

    @Test
    void executingTheBreachTimerReassignsAndASecondBreachEscalatesToSally() {
        String id = mql();
        String first = owner(id);

        executeBreachTimer(id);
        String second = owner(id);
        assertThat(second).isNotNull().isNotEqualTo(first);
        JsonNode lead = Api.as(port, "sally").get("/api/leads/" + id).json();
        assertThat(event(lead, "SLA_BREACHED").path("actor").asText()).isEqualTo(first);

        executeBreachTimer(id);
        JsonNode escalations = inFilter("sally", "Escalations", id);
        assertThat(escalations).hasSize(1);
        assertThat(escalations.get(0).path("name").asText()).isEqualTo("Overdue lead: reassign or take over");
    }

    @Test
    void anUnavailableRepGetsNoNewLeadsUntilSheIsBack() {
        Api sally = Api.as(port, "sally");
        Api.Response away = sally.put("/api/reps/sophie", Map.of("available", false));
        assertThat(away.status()).as(away.body()).isEqualTo(200);
        assertThat(away.json().path("available").asBoolean()).isFalse();
        try {
            for (int i = 0; i < 4; i++) {
                assertThat(owner(mql())).isNotEqualTo("sophie").isIn("sam", "steve");
            }
        } finally {
            assertThat(sally.put("/api/reps/sophie", Map.of("available", true)).status()).isEqualTo(200);
        }
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            owners.add(owner(mql()));
        }
        assertThat(owners).contains("sophie");
    }

    @Test
    void onlySalesManagersChangeRepsAndBadValuesAreProblems() {
        assertThat(Api.as(port, "sam").put("/api/reps/sophie", Map.of("available", false)).status()).isEqualTo(403);
        Api.Response negative = Api.as(port, "sally").put("/api/reps/sophie", Map.of("capacity", -1));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().path("errors").get(0).path("field").asText()).isEqualTo("capacity");
        assertThat(Api.as(port, "sally").put("/api/reps/nobody", Map.of("available", true)).status()).isEqualTo(404);
        JsonNode reps = Api.as(port, "sally").get("/api/reps?team=sdr").json();
        assertThat(reps).extracting(r -> r.path("userId").asText()).containsExactly("sam", "sophie", "steve");
    }

    @Test
    void rejectingBelowTheDefinitionPutsTheLeadInMonasReviewQueue() {
        Map<String, Object> body = LeadApiIT.vp(null);
        body.put("campaign", "student-fair");
        String id = Api.as(port, "intake").post("/api/leads", body).json().path("id").asText();
        String rep = owner(id);
        String taskId = inFilter(rep, "My leads to accept", id).get(0).path("id").asText();

        Api.Response rejected = Api.as(port, rep).post("/engine-rest/task/" + taskId + "/submit-form",
                Map.of("variables", Map.of(
                        "salDecision", Map.of("value", "reject"),
                        "rejectionReason", Map.of("value", "below_definition"),
                        "rejectionNote", Map.of("value", "student project"))));

        assertThat(rejected.status()).as(rejected.body()).isEqualTo(204);
        JsonNode review = inFilter("mona", "Rejected leads to review", id);
        assertThat(review).hasSize(1);
        assertThat(review.get(0).path("name").asText()).isEqualTo("Review rejected lead");
        JsonNode lead = Api.as(port, "mona").get("/api/leads/" + id).json();
        assertThat(event(lead, "SAL_REJECTED").path("reason").asText()).isEqualTo("below_definition");
        assertThat(jdbc.sql("select campaign from lead_rejection where lead_id = ?").param(id).query(String.class)
                .single()).as("the rejection report groups by it").isEqualTo("student-fair");
    }

    /** Capacity counts what occupies a rep: an SDR's leads until handed on, an AE's until the meeting's outcome. */
    @Test
    void aLeadCountsAgainstItsOwnersCapacityWhileHandoffGivesThemWorkOnIt() {
        String id = mql();
        String sdr = owner(id);
        long sdrBefore = openLeads(sdr);
        String instance = number(id);
        completeAs(instance, "Task_AcceptLead", Map.of("salDecision", "accept"));
        assertThat(openLeads(sdr)).as("a SAL in the cadence occupies the SDR").isEqualTo(sdrBefore);
        completeAs(instance, "Task_LogContactAttempt", Map.of("contactChannel", "phone",
                "contactOutcome", "meeting_booked"));
        String ae = owner(id);
        assertThat(ae).isIn("alex", "ava");
        assertThat(openLeads(sdr)).as("handed to an AE").isEqualTo(sdrBefore - 1);
        long aeWithMeeting = openLeads(ae);
        completeAs(instance, "Task_HoldDiscoveryMeeting", Map.of("meetingOutcome", "opportunity",
                "opportunityAmount", 25000));
        assertThat(Api.as(port, "sally").get("/api/leads/" + id).json().path("stage").asText())
                .isEqualTo("OPPORTUNITY");
        assertThat(openLeads(ae)).as("an opportunity waits for the CRM").isEqualTo(aeWithMeeting - 1);
    }

    private void completeAs(String number, String taskKey, Map<String, Object> variables) {
        var task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(number)
                .taskDefinitionKey(taskKey).singleResult();
        engine.getIdentityService().setAuthentication(task.getAssignee(), List.of("sdr", "ae"));
        try {
            engine.getTaskService().complete(task.getId(), variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private long openLeads(String rep) {
        return Api.as(port, "sally").get("/api/reps/" + rep).json().path("openLeads").asLong();
    }

    @Test
    void theCrmCallbackNeedsAnOpportunityAndAValidOutcome() {
        String id = mql();
        Api intake = Api.as(port, "intake");
        assertThat(intake.post("/api/leads/" + id + "/outcome", Map.of("outcome", "maybe")).status()).isEqualTo(400);
        Api.Response notYet = intake.post("/api/leads/" + id + "/outcome", Map.of("outcome", "won", "amount", 100));
        assertThat(notYet.status()).isEqualTo(409);
        assertThat(notYet.contentType()).startsWith("application/problem+json");
    }

    private void executeBreachTimer(String leadId) {
        String instance = LeadProcesses.stage(engine.getRuntimeService(), number(leadId)).getId();
        JsonNode jobs = Api.as(port, "admin").get("/engine-rest/job?processInstanceId=" + instance
                + "&activityId=Event_AcceptSlaBreached").json();
        assertThat(jobs).hasSize(1);
        Api.Response executed = Api.as(port, "admin").post("/engine-rest/job/" + jobs.get(0).path("id").asText()
                + "/execute", Map.of());
        assertThat(executed.status()).as(executed.body()).isEqualTo(204);
    }

    private JsonNode inFilter(String user, String filterName, String leadId) {
        return Api.as(port, user).filterList(filterName, Map.of("processInstanceBusinessKey", number(leadId)));
    }

    /** The lead's number, its process's business key. */
    private String number(String leadId) {
        return Api.as(port, "sally").get("/api/leads/" + leadId).json().path("number").asText();
    }

    private String owner(String leadId) {
        JsonNode owner = Api.as(port, "sally").get("/api/leads/" + leadId).json().path("owner");
        return owner.isMissingNode() || owner.isNull() ? null : owner.asText();
    }

    private static JsonNode event(JsonNode lead, String type) {
        JsonNode found = null;
        for (JsonNode event : lead.path("timeline")) {
            if (event.path("type").asText().equals(type)) {
                found = event;
            }
        }
        assertThat(found).as(type + " in " + lead.path("timeline")).isNotNull();
        return found;
    }

    private String mql() {
        Api.Response created = Api.as(port, "intake").post("/api/leads", LeadApiIT.vp(null));
        assertThat(created.json().path("stage").asText()).as(created.body()).isEqualTo("MQL");
        return created.json().path("id").asText();
    }
}
