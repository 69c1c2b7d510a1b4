package dev.handoff.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.handoff.platform.InvalidInputException;
import dev.handoff.support.ProcessTest;

/** Every path of the front half of lead-lifecycle: capture, score, MQL definition, enrichment, nurture. */
@ProcessTest
class LeadLifecycleProcessTest {

    @TestConfiguration
    static class Coverage {
        @Bean
        ProcessEngineCoverageProperties coverageProperties() {
            return ProcessEngineCoverageProperties.builder().assertClassCoverageAtLeast(1.0).build();
        }
    }

    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 18, 10, 0, 0, 0, ZoneOffset.UTC); // a Wednesday

    @Autowired
    ProcessEngine engine;
    @Autowired
    Leads leads;

    @BeforeEach
    void setUp() {
        init(engine);
        ClockUtil.setCurrentTime(Date.from(NOW.toInstant()));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aCompleteEngagedLeadBecomesAnMqlAndWaitsForSales() {
        Lead lead = capture(request("VP Sales", 500, "Software", "demo_request")).lead();

        assertThat(lead.stage()).isEqualTo(LeadStage.MQL);
        assertThat(lead.fitGrade()).isEqualTo("A");
        assertThat(lead.mqlDefinitionVersion()).isEqualTo(1);
        ProcessInstance instance = instance(lead);
        assertThat(instance).isWaitingAt("Task_AwaitSalesRouting")
                .hasPassed("Task_RegisterLead", "Task_ScoreLead", "Task_ApplyMqlDefinition");

        // The sales half continues from this wait state.
        engine.getRuntimeService().signal(engine.getRuntimeService().createExecutionQuery()
                .processInstanceId(instance.getId()).activityId("Task_AwaitSalesRouting").singleResult().getId());
        assertThat(instance).isEnded().hasPassed("Event_LeadHandedToSales");
    }

    @Test
    void aLeadMissingDataGoesToMarketingOpsAndIsJudgedAgainWhenCompleted() {
        Lead lead = capture(request(null, 500, "Software", "demo_request")).lead();
        assertThat(lead.stage()).isEqualTo(LeadStage.ENRICHMENT);
        ProcessInstance instance = instance(lead);
        assertThat(instance).isWaitingAt("Task_CompleteLeadData");
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(task).hasCandidateGroup("marketing-ops");
        // One business day: Wednesday 10:00 UTC is 11:00 in Berlin, so Thursday 11:00 Berlin.
        assertThat(task.getDueDate()).isEqualTo(Date.from(NOW.plusDays(1).toInstant()));
        assertThat(engine.getTaskService().getVariable(task.getId(), LeadVariables.MISSING_FIELDS)).isEqualTo("jobTitle");

        Map<String, Object> form = new HashMap<>(engine.getTaskService().getVariables(task.getId()));
        form.put(LeadVariables.JOB_TITLE, "Head of Sales Operations");
        engine.getTaskService().complete(task.getId(), form);

        assertThat(instance).isWaitingAt("Task_AwaitSalesRouting");
        Leads.Details details = leads.details(lead.id());
        assertThat(details.lead().stage()).isEqualTo(LeadStage.MQL);
        assertThat(details.lead().jobTitle()).isEqualTo("Head of Sales Operations");
        assertThat(details.timeline()).extracting(LeadEvent::type).contains("DATA_COMPLETED");
    }

    @Test
    void invalidDataOnTheEnrichmentFormIsRefusedAndTheTaskStays() {
        Lead lead = capture(request(null, 500, "Software", "demo_request")).lead();
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(instance(lead).getId()).singleResult();
        Map<String, Object> form = new HashMap<>(engine.getTaskService().getVariables(task.getId()));
        form.put(LeadVariables.COMPANY_SIZE, -3);

        assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(), form))
                .hasMessageContaining("companySize");
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    }

    @Test
    void aLeadBelowTheThresholdsNurturesAndWakesOnEngagementUntilItIsAnMql() {
        Lead lead = capture(request("Student", 10, "Education", "email_click")).lead();
        assertThat(lead.stage()).isEqualTo(LeadStage.NURTURE);
        ProcessInstance instance = instance(lead);
        assertThat(instance).isWaitingAt("Gateway_AwaitEngagement");

        leads.recordEngagements(lead.id(), List.of(engagement("webinar")), "test");
        assertThat(leads.details(lead.id()).lead().stage()).isEqualTo(LeadStage.NURTURE);
        assertThat(instance).isWaitingAt("Gateway_AwaitEngagement").hasPassed("Event_EngagementRecorded");

        leads.recordEngagements(lead.id(), List.of(engagement("demo_request"), engagement("pricing_page"),
                engagement("event_visit")), "test");
        assertThat(leads.details(lead.id()).lead().stage()).isEqualTo(LeadStage.MQL);
        assertThat(instance).isWaitingAt("Task_AwaitSalesRouting").hasPassed("Event_EngagementRecorded");
    }

    @Test
    void aLeadStillInNurtureAfterNinetyDaysIsRecycledAsStale() {
        Lead lead = capture(request("Student", 10, "Education", "email_click")).lead();
        ProcessInstance instance = instance(lead);
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers()
                .singleResult();
        assertThat(timer.getDuedate()).isEqualTo(Date.from(NOW.plusDays(90).toInstant()));

        // An engagement that stays below the thresholds does not restart the 90 days.
        ClockUtil.setCurrentTime(Date.from(NOW.plusDays(30).toInstant()));
        leads.recordEngagements(lead.id(), List.of(engagement("content_download")), "test");
        Job after = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers()
                .singleResult();
        assertThat(after.getDuedate()).isEqualTo(timer.getDuedate());

        ClockUtil.setCurrentTime(Date.from(NOW.plusDays(91).toInstant()));
        engine.getManagementService().executeJob(after.getId());

        assertThat(instance).isEnded().hasPassed("Task_RecycleLead", "Event_LeadRecycled");
        Lead recycled = leads.details(lead.id()).lead();
        assertThat(recycled.stage()).isEqualTo(LeadStage.RECYCLED);
        assertThat(recycled.stageReason()).startsWith("stale");
        // The email is free again: the next submission is a new lead.
        assertThat(capture(request("Student", 10, "Education", "email_click", recycled.email())).created()).isTrue();
    }

    @Test
    void theTasklistStartFormCreatesTheLeadAndARepeatEndsAsADuplicate() {
        Map<String, Object> form = formVariables("form-" + UUID.randomUUID() + "@acme.example");
        ProcessInstance first = engine.getRuntimeService().startProcessInstanceByKey(LeadVariables.PROCESS_KEY, form);

        // A CMO at a SaaS firm fits, but without engagement the lead nurtures.
        assertThat(first).isWaitingAt("Gateway_AwaitEngagement");
        String leadId = first.getBusinessKey() != null ? first.getBusinessKey()
                : (String) engine.getRuntimeService().getVariable(first.getId(), LeadVariables.LEAD_ID);
        assertThat(leads.details(leadId).lead().email()).isEqualTo(form.get("email"));
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(leadId).count())
                .isEqualTo(1);

        ProcessInstance again = engine.getRuntimeService().startProcessInstanceByKey(LeadVariables.PROCESS_KEY, form);
        assertThat(again).isEnded().hasPassed("Event_LeadMerged");
        assertThat(leads.details(leadId).timeline()).extracting(LeadEvent::type).contains("CAPTURED_AGAIN");
    }

    @Test
    void anInvalidTasklistStartCreatesNothing() {
        Map<String, Object> form = formVariables("not-an-email");
        long before = leads.page(null, null, 0, 1).total();

        assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey(LeadVariables.PROCESS_KEY, form))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("email");
        assertThat(leads.page(null, null, 0, 1).total()).isEqualTo(before);
    }

    private Map<String, Object> formVariables(String email) {
        Map<String, Object> form = new HashMap<>();
        form.put("firstName", "Fiona");
        form.put("lastName", "Form");
        form.put("email", email);
        form.put("phone", "+49 40 555");
        form.put("jobTitle", "CMO");
        form.put("company", "Formworks");
        form.put("companySize", 250L);
        form.put("industry", "SaaS");
        form.put("country", "de");
        form.put("source", "event");
        form.put("campaign", "Trade fair 2026");
        return form;
    }

    private Leads.Capture capture(LeadRequest request) {
        return leads.capture(request, "test");
    }

    private ProcessInstance instance(Lead lead) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(lead.id())
                .singleResult();
    }

    static LeadRequest request(String jobTitle, int size, String industry, String engagement) {
        return request(jobTitle, size, industry, engagement, UUID.randomUUID() + "@lead.example");
    }

    static LeadRequest request(String jobTitle, int size, String industry, String engagement, String email) {
        return new LeadRequest(null, "Lea", "Lead", email, "+49 30 123", jobTitle, "Acme", size, industry, "DE",
                LeadSource.INBOUND, "autumn", List.of(engagement(engagement)));
    }

    static Engagement engagement(String type) {
        return new Engagement(EngagementType.fromCode(type), OffsetDateTime.now(ZoneOffset.UTC).isBefore(NOW)
                ? OffsetDateTime.now(ZoneOffset.UTC) : NOW.minusHours(1));
    }
}
