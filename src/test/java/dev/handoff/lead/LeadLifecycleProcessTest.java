package dev.handoff.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;




import dev.handoff.platform.InvalidInputException;
import dev.handoff.routing.Reps;
import dev.handoff.sla.BusinessTime;
import dev.handoff.sla.SlaLedger;
import dev.handoff.support.FormText;
import dev.handoff.support.ProcessTest;

/** Every path of the front half of lead-lifecycle: capture, score, MQL definition, enrichment, nurture. */
@ProcessTest
class LeadLifecycleProcessTest {


    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 18, 10, 0, 0, 0, ZoneOffset.UTC); // a Wednesday

    @Autowired
    ProcessEngine engine;
    @Autowired
    Leads leads;
    @Autowired
    Reps reps;
    @Autowired
    SlaLedger ledger;
    @Autowired
    BusinessTime businessTime;
    @Autowired
    JdbcClient jdbc;

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
    void aCompleteEngagedLeadBecomesAnMqlAndIsRoutedToAnSdr() {
        Lead lead = capture(request("VP Sales", 500, "Software", "demo_request")).lead();

        assertThat(lead.stage()).isEqualTo(LeadStage.MQL);
        assertThat(lead.fitGrade()).isEqualTo("A");
        assertThat(lead.mqlDefinitionVersion()).isEqualTo(1);
        ProcessInstance instance = instance(lead);
        journey(instance).isWaitingAt("Task_AcceptLead")
                .hasPassed("Task_RegisterLead", "Task_ScoreLead", "Task_ApplyMqlDefinition", "Task_RouteLead");
        // "VP Sales" is a typical title of agreement 1's sales leader: the lead records it, the SDR reads it.
        assertThat(lead.personaKey()).isEqualTo("sales-leader");
        assertThat(FormText.of("accept-lead", variables(task(instance, "Task_AcceptLead"))))
                .contains("persona **Sales leader (sales-leader)**");
    }

    @Test
    void theLifecycleHoldsTheLeadsIdsAndTheStageShowsTheLeadFromItsRecord() {
        Lead lead = capture(request("VP Sales", 500, "Software", "demo_request")).lead();
        ProcessInstance instance = instance(lead);

        Map<String, Object> lifecycle = engine.getRuntimeService().getVariables(instance.getId());
        assertThat(lifecycle).containsEntry(LeadVariables.LEAD_ID, lead.id())
                .containsEntry(LeadVariables.LEAD_NUMBER, lead.number()).containsKey(LeadVariables.SLA_DUE_AT);
        assertThat(lifecycle.keySet()).doesNotContainAnyElementsOf(LeadVariables.CARD)
                .doesNotContain(LeadVariables.SLA_REMINDER_AT);
        Map<String, Object> stage = variables(task(instance, "Task_AcceptLead"));
        assertThat(stage).containsEntry(LeadVariables.LEAD_NAME, "Lea Lead").containsEntry(LeadVariables.COMPANY, "Acme")
                .containsEntry(LeadVariables.FIT_GRADE, "A").containsEntry(LeadVariables.PERSONA,
                        "Sales leader (sales-leader)")
                .containsEntry(LeadVariables.MQL_REASON, leads.details(lead.id()).timeline().stream()
                        .filter(e -> e.type().equals("MQL_DEFINITION_APPLIED")).reduce((a, b) -> b).orElseThrow()
                        .reason());
    }

    @Test
    void aStagePassedCopiesOfTheLeadAsOlderLifecyclesDoShowsTheRecordInstead() {
        Lead lead = capture(request("VP Sales", 500, "Software", "demo_request")).lead();
        ProcessInstance instance = instance(lead);
        Map<String, Object> passed = new HashMap<>(engine.getRuntimeService().getVariables(current(instance)));
        passed.put(LeadVariables.LEAD_NAME, "Copy Of Old");
        passed.put(LeadVariables.COMPANY, "Old Co");
        passed.put(LeadVariables.PERSONA, null);

        ProcessInstance copy = engine.getRuntimeService().startProcessInstanceByKey(
                LeadVariables.SALES_ACCEPTANCE_KEY, lead.number(), passed);
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(copy.getId())
                .taskDefinitionKey("Task_AcceptLead").singleResult();
        assertThat(FormText.of("accept-lead", variables(task))).contains("**Lea Lead**", "at **Acme**",
                "persona **Sales leader (sales-leader)**").doesNotContain("Copy Of Old", "Old Co");
        engine.getRuntimeService().deleteProcessInstance(copy.getId(), "test");
    }

    @Test
    void anImportedLeadIsRecordedAtOnceAndJudgedInTheBackground() {
        Lead lead = leads.captureInBackground(request("VP Sales", 500, "Software", "demo_request"), "test").lead();

        assertThat(lead.stage()).isEqualTo(LeadStage.LEAD);
        ProcessInstance instance = instance(lead);
        journey(instance).isStarted().hasPassed("Event_LeadImported").isNotWaitingAt("Task_RegisterLead");
        Job background = engine.getManagementService().createJobQuery().processInstanceId(current(instance))
                .singleResult();
        engine.getManagementService().executeJob(background.getId());

        journey(instance).isWaitingAt("Task_AcceptLead");
        assertThat(lead(instance).stage()).isEqualTo(LeadStage.MQL);
    }

    @Test
    void aLeadMissingDataGoesToMarketingOpsAndIsJudgedAgainWhenCompleted() {
        Lead lead = capture(request(null, 500, "Software", "demo_request")).lead();
        assertThat(lead.stage()).isEqualTo(LeadStage.ENRICHMENT);
        ProcessInstance instance = instance(lead);
        journey(instance).isWaitingAt("Task_CompleteLeadData");
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(current(instance)).singleResult();
        assertThat(task).hasCandidateGroup("marketing-ops");
        // One business day: Wednesday 10:00 UTC is 11:00 in Berlin, so Thursday 11:00 Berlin.
        assertThat(task.getDueDate()).isEqualTo(Date.from(NOW.plusDays(1).toInstant()));
        assertThat(engine.getTaskService().getVariable(task.getId(), LeadVariables.MISSING_FIELDS)).isEqualTo("jobTitle");
        assertThat(FormText.of("complete-lead-data", engine.getTaskService().getVariables(task.getId())))
                .contains("**Lea Lead**");

        Map<String, Object> form = new HashMap<>(engine.getTaskService().getVariables(task.getId()));
        form.put(LeadVariables.JOB_TITLE, "Head of Sales Operations");
        engine.getTaskService().complete(task.getId(), form);

        journey(instance).isWaitingAt("Task_AcceptLead");
        Leads.Details details = leads.details(lead.id());
        assertThat(details.lead().stage()).isEqualTo(LeadStage.MQL);
        assertThat(details.lead().jobTitle()).isEqualTo("Head of Sales Operations");
        // The next stage shows the record as completed and scored again.
        assertThat(FormText.of("accept-lead", variables(task(instance, "Task_AcceptLead"))))
                .contains("Head of Sales Operations at **Acme**", "persona **Sales leader (sales-leader)**");
        // No job title, no persona; scored again with one, the lead matches the persona "Head of Sales" is part of.
        assertThat(lead.personaKey()).isNull();
        assertThat(details.lead().personaKey()).isEqualTo("sales-leader");
        assertThat(details.timeline()).extracting(LeadEvent::type).contains("DATA_COMPLETED");
    }

    @Test
    void invalidDataOnTheEnrichmentFormIsRefusedAndTheTaskStays() {
        Lead lead = capture(request(null, 500, "Software", "demo_request")).lead();
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(current(instance(lead))).singleResult();
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
        journey(instance).isWaitingAt("Gateway_AwaitEngagement");

        leads.recordEngagements(lead.id(), List.of(engagement("webinar")), "test");
        assertThat(leads.details(lead.id()).lead().stage()).isEqualTo(LeadStage.NURTURE);
        journey(instance).isWaitingAt("Gateway_AwaitEngagement").hasPassed("Event_EngagementRecorded");

        leads.recordEngagements(lead.id(), List.of(engagement("demo_request"), engagement("pricing_page"),
                engagement("event_visit")), "test");
        assertThat(leads.details(lead.id()).lead().stage()).isEqualTo(LeadStage.MQL);
        journey(instance).isWaitingAt("Task_AcceptLead").hasPassed("Event_EngagementRecorded");
    }

    @Test
    void aLeadStillInNurtureAfterNinetyDaysIsRecycledAsStale() {
        Lead lead = capture(request("Student", 10, "Education", "email_click")).lead();
        ProcessInstance instance = instance(lead);
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(current(instance)).timers()
                .singleResult();
        assertThat(timer.getDuedate()).isEqualTo(Date.from(NOW.plusDays(90).toInstant()));

        // An engagement that stays below the thresholds does not restart the 90 days.
        ClockUtil.setCurrentTime(Date.from(NOW.plusDays(30).toInstant()));
        leads.recordEngagements(lead.id(), List.of(engagement("content_download")), "test");
        Job after = engine.getManagementService().createJobQuery().processInstanceId(current(instance)).timers()
                .singleResult();
        assertThat(after.getDuedate()).isEqualTo(timer.getDuedate());

        ClockUtil.setCurrentTime(Date.from(NOW.plusDays(91).toInstant()));
        engine.getManagementService().executeJob(after.getId());

        journey(instance).isEnded().hasPassed("Task_RecycleLead", "Event_LeadRecycled");
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
        journey(first).isWaitingAt("Gateway_AwaitEngagement");
        String leadId = (String) engine.getRuntimeService().getVariable(first.getId(), LeadVariables.LEAD_ID);
        Lead lead = leads.details(leadId).lead();
        assertThat(lead.email()).isEqualTo(form.get("email"));
        assertThat(first.getBusinessKey()).isEqualTo(lead.number()).matches("L-\\d{6}");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(lead.number())
                .processDefinitionKey(LeadVariables.PROCESS_KEY).count()).isEqualTo(1);

        ProcessInstance again = engine.getRuntimeService().startProcessInstanceByKey(LeadVariables.PROCESS_KEY, form);
        journey(again).isEnded().hasPassed("Event_LeadMerged");
        assertThat(leads.details(leadId).timeline()).extracting(LeadEvent::type).contains("CAPTURED_AGAIN");
    }

    @Test
    void anInvalidTasklistStartCreatesNothing() {
        Map<String, Object> form = formVariables("not-an-email");
        long before = leads.page(null, null, LeadReaders.EVERY_LEAD, 0, 1).total();

        assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey(LeadVariables.PROCESS_KEY, form))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("email");
        assertThat(leads.page(null, null, LeadReaders.EVERY_LEAD, 0, 1).total()).isEqualTo(before);
    }

    // ---- The sales half ----

    @Test
    void anAcceptedLeadIsWorkedBookedHandedToAnAeAndWon() {
        ProcessInstance instance = mql();
        Task accept = task(instance, "Task_AcceptLead");
        String sdr = accept.getAssignee();
        assertThat(sdr).isIn("sam", "sophie", "steve");
        // Grade A: one business hour. Wednesday 11:00 in Berlin is due at 12:00 Berlin, 11:00 UTC.
        assertThat(accept.getDueDate()).isEqualTo(Date.from(NOW.plusHours(1).toInstant()));
        Lead routed = lead(instance);
        assertThat(routed.owner()).isEqualTo(sdr);
        assertThat(leads.details(routed.id()).timeline()).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("ROUTED");
            assertThat(e.detail()).contains("\"considered\"", "sam", "sophie", "steve", "slaStartedAt");
        });

        complete(accept, Map.of("salDecision", "accept"));
        assertThat(lead(instance).stage()).isEqualTo(LeadStage.SAL);
        complete(task(instance, "Task_LogContactAttempt"), Map.of("contactChannel", "phone", "contactOutcome", "no_answer"));
        complete(task(instance, "Task_LogContactAttempt"), Map.of("contactChannel", "email", "contactOutcome", "meeting_booked"));

        Task meeting = task(instance, "Task_HoldDiscoveryMeeting");
        assertThat(meeting.getAssignee()).isIn("alex", "ava");
        assertThat(lead(instance).stage()).isEqualTo(LeadStage.SQL);
        assertThat(lead(instance).owner()).isEqualTo(meeting.getAssignee());
        complete(meeting, Map.of("meetingOutcome", "opportunity", "opportunityAmount", 25000));
        assertThat(lead(instance).stage()).isEqualTo(LeadStage.OPPORTUNITY);
        // What the amount column cannot hold is refused on the field, as through the CRM callback.
        for (String tooMuch : List.of("1000000000000", "12.345")) {
            assertThatThrownBy(() -> complete(task(instance, "Task_RecordDealOutcome"),
                    Map.of("dealOutcome", "won", "dealAmount", tooMuch)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("dealAmount");
        }
        complete(task(instance, "Task_RecordDealOutcome"), Map.of("dealOutcome", "won", "dealAmount", "30000"));

        journey(instance).isEnded().hasPassed("Event_DealWon");
        Lead won = lead(instance);
        assertThat(won.stage()).isEqualTo(LeadStage.WON);
        assertThat(ledger.assignments(won.id())).extracting(SlaLedger.Assignment::outcome)
                .containsExactly("ACCEPTED", "MET");
    }

    @Test
    void theFormsShowEachDeadlineInTheBusinessHoursZoneAndNameIt() {
        ZoneId zone = businessTime.hours().zone();
        assertThat(zone).as("the configured business-hours zone").isNotEqualTo(ZoneOffset.UTC);
        ProcessInstance instance = mql();
        Task accept = task(instance, "Task_AcceptLead");
        assertThat(FormText.of("accept-lead", variables(accept)))
                .contains("Decide before **" + readable(accept.getDueDate(), zone) + "**: that is the agreed SLA.");

        complete(accept, Map.of("salDecision", "accept"));
        Task cadence = task(instance, "Task_LogContactAttempt");
        assertThat(FormText.of("log-contact-attempt", variables(cadence)))
                .contains("the window closes **" + readable(cadence.getDueDate(), zone) + "**.");

        complete(cadence, Map.of("contactChannel", "phone", "contactOutcome", "meeting_booked"));
        Task meeting = task(instance, "Task_HoldDiscoveryMeeting");
        assertThat(FormText.of("discovery-meeting", variables(meeting)))
                .contains("Meeting due by **" + readable(meeting.getDueDate(), zone) + "**.");
        // The engine's due dates and the ISO variables other code reads stay as they were.
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), LeadVariables.MEETING_DUE_AT))
                .isEqualTo(meeting.getDueDate());
    }

    @Test
    void theTimelineWordsContactAttemptsAndRejectionsAsTheFormsDo() {
        ProcessInstance instance = accepted();
        complete(task(instance, "Task_LogContactAttempt"), Map.of("contactChannel", "linkedin", "contactOutcome",
                "left_message"));
        complete(task(instance, "Task_LogContactAttempt"), Map.of("contactChannel", "phone", "contactOutcome",
                "connected"));
        assertThat(leads.details(lead(instance).id()).timeline()).extracting(LeadEvent::reason)
                .contains("LinkedIn: left a message", "phone: connected, no meeting yet");

        ProcessInstance rejected = mql();
        String rep = task(rejected, "Task_AcceptLead").getAssignee();
        complete(task(rejected, "Task_AcceptLead"), Map.of("salDecision", "reject", "rejectionReason", "bad_data"));
        assertThat(lead(rejected).stageReason()).isEqualTo("rejected by " + rep + ": bad data");
        // The rejection event keeps the code, as the API and the reports read it.
        assertThat(leads.details(lead(rejected).id()).timeline()).filteredOn(e -> e.type().equals("SAL_REJECTED"))
                .extracting(LeadEvent::reason).containsExactly("bad_data");
    }

    @Test
    void theReminderAtHalfTheSlaNudgesTheRepAndKeepsTheTask() {
        ProcessInstance instance = mql();
        Task accept = task(instance, "Task_AcceptLead");
        Job reminder = timer(instance, "Event_AcceptReminderDue");
        assertThat(reminder.getDuedate()).isEqualTo(Date.from(NOW.plusMinutes(30).toInstant()));

        ClockUtil.setCurrentTime(reminder.getDuedate());
        engine.getManagementService().executeJob(reminder.getId());

        journey(instance).hasPassed("Task_RemindRep", "Event_RepReminded").isWaitingAt("Task_AcceptLead");
        assertThat(task(instance, "Task_AcceptLead").getId()).isEqualTo(accept.getId());
        assertThat(task(instance, "Task_AcceptLead").getFollowUpDate()).isNotNull();
    }

    @Test
    void aBreachReassignsToAnotherRepAndASecondOneEscalatesToSalesManagers() {
        ProcessInstance instance = mql();
        String first = task(instance, "Task_AcceptLead").getAssignee();

        breachAccept(instance);
        String second = task(instance, "Task_AcceptLead").getAssignee();
        assertThat(second).isNotNull().isNotEqualTo(first);
        assertThat(ledger.breaches(lead(instance).id())).isEqualTo(1);

        breachAccept(instance);
        journey(instance).hasPassed("Event_LeadEscalated").isWaitingAt("Task_HandleOverdueLead");
        Task overdue = task(instance, "Task_HandleOverdueLead");
        assertThat(overdue).hasCandidateGroup("sales-managers");
        assertThat(lead(instance).owner()).isNull();

        engine.getTaskService().claim(overdue.getId(), "sally");
        complete(overdue, Map.of("overdueAction", "reassign", "assignTo", first));
        Task again = task(instance, "Task_AcceptLead");
        assertThat(again.getAssignee()).isEqualTo(first);
        assertThat(again.getDueDate()).isAfter(ClockUtil.getCurrentTime());
        assertThat(leads.details(lead(instance).id()).timeline()).extracting(LeadEvent::type)
                .contains("SLA_BREACHED", "ESCALATED", "REASSIGNED");
    }

    @Test
    void aManagerMayTakeAnOverdueLeadOver() {
        ProcessInstance instance = mql();
        breachAccept(instance);
        breachAccept(instance);
        Task overdue = task(instance, "Task_HandleOverdueLead");
        engine.getTaskService().claim(overdue.getId(), "sally");

        assertThatThrownBy(() -> complete(overdue, Map.of("overdueAction", "reassign", "assignTo", "mona")))
                .hasMessageContaining("assignTo");
        complete(overdue, Map.of("overdueAction", "take_over"));

        assertThat(task(instance, "Task_AcceptLead").getAssignee()).isEqualTo("sally");
        assertThat(ledger.assignments(lead(instance).id()).get(2).role()).isEqualTo(SlaLedger.Role.MANAGER);
    }

    @Test
    void aMisroutedRejectionRoutesAgainToSomebodyElse() {
        ProcessInstance instance = mql();
        Task accept = task(instance, "Task_AcceptLead");
        assertThatThrownBy(() -> complete(accept, Map.of("salDecision", "reject")))
                .hasMessageContaining("rejectionReason");

        complete(accept, Map.of("salDecision", "reject", "rejectionReason", "misrouted", "rejectionNote", "EMEA"));

        Task rerouted = task(instance, "Task_AcceptLead");
        assertThat(rerouted.getAssignee()).isNotEqualTo(accept.getAssignee());
        journey(instance).hasPassed("Gateway_RejectionReason").hasNotPassed("Task_ReviewRejectedLead");
    }

    @Test
    void aBadDataRejectionGoesToMarketingOpsForEnrichment() {
        ProcessInstance instance = mql();
        complete(task(instance, "Task_AcceptLead"), Map.of("salDecision", "reject", "rejectionReason", "bad_data"));

        journey(instance).isWaitingAt("Task_CompleteLeadData");
        assertThat(lead(instance).stage()).isEqualTo(LeadStage.ENRICHMENT);
    }

    @Test
    void aRejectionBelowTheDefinitionThatMarketingAcceptsReturnsTheLeadToNurture() {
        ProcessInstance instance = mql();
        complete(task(instance, "Task_AcceptLead"), Map.of("salDecision", "reject", "rejectionReason",
                "below_definition", "rejectionNote", "a student project"));
        Task review = task(instance, "Task_ReviewRejectedLead");
        assertThat(review).hasCandidateGroup("marketing-ops");

        complete(review, Map.of("reviewDecision", "accept"));

        journey(instance).isWaitingAt("Gateway_AwaitEngagement").hasPassed("Task_ReturnToNurture");
        assertThat(lead(instance).stage()).isEqualTo(LeadStage.NURTURE);
    }

    @Test
    void aDisputedRejectionIsArbitratedBySalesManagersEitherWay() {
        ProcessInstance upheld = mql();
        rejectBelowDefinitionAndDispute(upheld);
        complete(task(upheld, "Task_ArbitrateRejection"), Map.of("arbitrationDecision", "uphold",
                "arbitrationNote", "too small"));
        journey(upheld).isWaitingAt("Gateway_AwaitEngagement");
        assertThat(lead(upheld).stageReason()).contains("upheld");

        ProcessInstance overturned = mql();
        rejectBelowDefinitionAndDispute(overturned);
        complete(task(overturned, "Task_ArbitrateRejection"), Map.of("arbitrationDecision", "overturn",
                "arbitrationNote", "fits the ICP"));
        journey(overturned).isWaitingAt("Task_AcceptLead").hasNotPassed("Task_ReturnToNurture");
    }

    @Test
    void withNobodyAvailableTheLeadWaitsForAManagerToAssignIt() {
        List<String> sdrs = List.of("sam", "sophie", "steve");
        sdrs.forEach(rep -> reps.update(rep, new Reps.Update(null, false, null, null), "sally"));
        try {
            ProcessInstance instance = mql();
            journey(instance).isWaitingAt("Task_AssignUnroutedLead");
            assertThat(lead(instance).owner()).isNull();
            Task assign = task(instance, "Task_AssignUnroutedLead");
            assertThat(assign).hasCandidateGroup("sales-managers");

            complete(assign, Map.of("assignTo", "steve"));
            assertThat(task(instance, "Task_AcceptLead").getAssignee()).isEqualTo("steve");
        } finally {
            sdrs.forEach(rep -> reps.update(rep, new Reps.Update(null, true, null, null), "sally"));
        }
    }

    @Test
    void unreachedAfterAllAttemptsTheLeadIsRecycledToNurture() {
        ProcessInstance instance = accepted();
        for (int i = 0; i < 6; i++) {
            complete(task(instance, "Task_LogContactAttempt"), Map.of("contactChannel", "phone",
                    "contactOutcome", "no_answer"));
        }
        journey(instance).isWaitingAt("Gateway_AwaitEngagement").hasPassed("Gateway_AttemptsLeft", "Task_CloseCadence");
        Lead lead = lead(instance);
        assertThat(lead.stage()).isEqualTo(LeadStage.RECYCLED);
        assertThat(lead.stageReason()).startsWith("attempts exhausted");
        assertThat(ledger.breaches(lead.id())).isZero();
    }

    @Test
    void tooFewAttemptsInTheWindowAreABreachAndRecycleTheLead() {
        ProcessInstance instance = accepted();
        complete(task(instance, "Task_LogContactAttempt"), Map.of("contactChannel", "phone", "contactOutcome",
                "left_message"));
        Job reminder = timer(instance, "Event_CadenceReminderDue");
        ClockUtil.setCurrentTime(reminder.getDuedate());
        engine.getManagementService().executeJob(reminder.getId());
        journey(instance).hasPassed("Task_RemindCadence").isWaitingAt("Task_LogContactAttempt");

        Job window = timer(instance, "Event_ContactWindowElapsed");
        ClockUtil.setCurrentTime(window.getDuedate());
        engine.getManagementService().executeJob(window.getId());

        journey(instance).isWaitingAt("Gateway_AwaitEngagement").hasPassed("Task_CloseCadence");
        assertThat(lead(instance).stage()).isEqualTo(LeadStage.RECYCLED);
        assertThat(ledger.breaches(lead(instance).id())).isEqualTo(1);
    }

    @Test
    void aLeadDisqualifiedAfterContactEnds() {
        ProcessInstance instance = accepted();
        assertThatThrownBy(() -> complete(task(instance, "Task_LogContactAttempt"), Map.of("contactChannel", "phone",
                "contactOutcome", "disqualified"))).hasMessageContaining("disqualificationReason");
        complete(task(instance, "Task_LogContactAttempt"), Map.of("contactChannel", "phone", "contactOutcome",
                "disqualified", "disqualificationReason", "no_budget"));

        journey(instance).isEnded().hasPassed("Event_LeadDisqualified");
        assertThat(lead(instance).stage()).isEqualTo(LeadStage.DISQUALIFIED);
        assertThat(lead(instance).stageReason()).isEqualTo("no_budget");
    }

    @Test
    void theMeetingSlaHasTheSameLadder() {
        ProcessInstance instance = sql();
        String firstAe = task(instance, "Task_HoldDiscoveryMeeting").getAssignee();
        Job reminder = timer(instance, "Event_MeetingReminderDue");
        ClockUtil.setCurrentTime(reminder.getDuedate());
        engine.getManagementService().executeJob(reminder.getId());
        journey(instance).hasPassed("Task_RemindAe");

        breach(instance, "Event_MeetingSlaBreached");
        assertThat(task(instance, "Task_HoldDiscoveryMeeting").getAssignee()).isNotEqualTo(firstAe);
        breach(instance, "Event_MeetingSlaBreached");
        journey(instance).hasPassed("Event_MeetingEscalated").isWaitingAt("Task_HandleOverdueMeeting");

        Task overdue = task(instance, "Task_HandleOverdueMeeting");
        engine.getTaskService().claim(overdue.getId(), "sally");
        complete(overdue, Map.of("overdueAction", "take_over"));
        Task meeting = task(instance, "Task_HoldDiscoveryMeeting");
        assertThat(meeting.getAssignee()).isEqualTo("sally");
        complete(meeting, Map.of("meetingOutcome", "disqualified", "disqualificationReason", "no_need"));
        journey(instance).isEnded().hasPassed("Gateway_MeetingOutcome", "Event_LeadDisqualified")
                .hasNotPassed("Task_RecordDealOutcome");
    }

    @Test
    void aLostDealReportedByTheCrmCoolsOffThenReturnsToNurture() {
        ProcessInstance instance = sql();
        complete(task(instance, "Task_HoldDiscoveryMeeting"), Map.of("meetingOutcome", "opportunity",
                "opportunityAmount", 1000));
        String id = lead(instance).id();
        assertThatThrownBy(() -> leads.reportOutcome(id, "lost", null, " ")).hasMessageContaining("reason");

        leads.reportOutcome(id, "lost", null, "went with a competitor");

        journey(instance).hasPassed("Event_DealOutcomeReported").isWaitingAt("Event_CoolOffOver");
        assertThat(lead(instance).stage()).isEqualTo(LeadStage.LOST);
        Job coolOff = engine.getManagementService().createJobQuery().processInstanceId(current(instance)).timers()
                .singleResult();
        assertThat(coolOff.getDuedate()).isEqualTo(Date.from(NOW.plusDays(90).toInstant()));
        ClockUtil.setCurrentTime(coolOff.getDuedate());
        engine.getManagementService().executeJob(coolOff.getId());

        journey(instance).isWaitingAt("Gateway_AwaitEngagement").hasPassed("Task_RecycleLostLead");
        assertThat(lead(instance).stage()).isEqualTo(LeadStage.RECYCLED);
        assertThatThrownBy(() -> leads.reportOutcome(id, "won", null, null)).hasMessageContaining("not an opportunity");
    }

    private ProcessInstance mql() {
        ClockUtil.setCurrentTime(Date.from(NOW.toInstant()));
        return instance(capture(request("VP Sales", 500, "Software", "demo_request")).lead());
    }

    private ProcessInstance accepted() {
        ProcessInstance instance = mql();
        complete(task(instance, "Task_AcceptLead"), Map.of("salDecision", "accept"));
        return instance;
    }

    private ProcessInstance sql() {
        ProcessInstance instance = accepted();
        complete(task(instance, "Task_LogContactAttempt"), Map.of("contactChannel", "phone", "contactOutcome",
                "meeting_booked"));
        return instance;
    }

    private void rejectBelowDefinitionAndDispute(ProcessInstance instance) {
        complete(task(instance, "Task_AcceptLead"), Map.of("salDecision", "reject", "rejectionReason",
                "below_definition"));
        complete(task(instance, "Task_ReviewRejectedLead"), Map.of("reviewDecision", "dispute", "reviewNote",
                "VP at a 500-person SaaS firm"));
    }

    private void breachAccept(ProcessInstance instance) {
        breach(instance, "Event_AcceptSlaBreached");
    }

    private void breach(ProcessInstance instance, String timerEvent) {
        Job job = timer(instance, timerEvent);
        ClockUtil.setCurrentTime(new Date(job.getDuedate().getTime() + 60_000));
        engine.getManagementService().executeJob(job.getId());
    }

    private Job timer(ProcessInstance instance, String activityId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(instance.getBusinessKey())
                .list().stream().map(i -> engine.getManagementService().createJobQuery().processInstanceId(i.getId())
                        .activityId(activityId).singleResult()).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private Task task(ProcessInstance instance, String key) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(instance.getBusinessKey()).taskDefinitionKey(key)
                .singleResult();
    }

    private Map<String, Object> variables(Task task) {
        return engine.getTaskService().getVariables(task.getId());
    }

    /** A moment as the test expects a person to read it: local to the zone, the zone named. */
    private static String readable(Date moment, ZoneId zone) {
        return moment.toInstant().atZone(zone).format(DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm",
                Locale.ENGLISH)) + " (" + zone.getId() + ")";
    }

    private void complete(Task task, Map<String, Object> variables) {
        engine.getTaskService().complete(task.getId(), variables);
    }

    private Lead lead(ProcessInstance instance) {
        // By its number, the business key (the process may have ended; its variables leave no history).
        return leads.details(jdbc.sql("select id from lead where lead_number = ?")
                .param(Long.parseLong(instance.getBusinessKey().replaceAll("\\D", ""))).query(String.class).single())
                .lead();
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
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(lead.number())
                .processDefinitionKey(LeadVariables.PROCESS_KEY).singleResult();
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

    // ---- experiment: the stage drafts (not committed) ----
    /** The instance the lead is in now: the stage its lifecycle called, or the lifecycle itself. */
    private String current(ProcessInstance lifecycle) {
        return engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(lifecycle.getId())
                .list().stream().map(ProcessInstance::getId).findFirst().orElse(lifecycle.getId());
    }

    private Journey journey(ProcessInstance lifecycle) {
        return new Journey(lifecycle);
    }

    /**
     * A lead's way through lead-lifecycle and the stages it calls, found by its business key (the lead number):
     * where it waits now, what it has passed, in any of its process instances.
     */
    private class Journey {

        private final ProcessInstance lifecycle;

        Journey(ProcessInstance lifecycle) {
            this.lifecycle = lifecycle;
        }

        Set<String> waiting() {
            Set<String> ids = new HashSet<>();
            engine.getRuntimeService().createProcessInstanceQuery()
                    .processInstanceBusinessKey(lifecycle.getBusinessKey()).list()
                    .forEach(i -> ids.addAll(engine.getRuntimeService().getActiveActivityIds(i.getId())));
            return ids;
        }

        Set<String> passed() {
            Set<String> ids = new HashSet<>();
            engine.getHistoryService().createHistoricProcessInstanceQuery()
                    .processInstanceBusinessKey(lifecycle.getBusinessKey()).list()
                    .forEach(h -> engine.getHistoryService().createHistoricActivityInstanceQuery()
                            .processInstanceId(h.getId()).finished().list()
                            .forEach(a -> ids.add(a.getActivityId())));
            return ids;
        }

        Journey isWaitingAt(String... ids) {
            assertThat(waiting()).as("waiting").contains(ids);
            return this;
        }

        Journey isNotWaitingAt(String... ids) {
            assertThat(waiting()).as("waiting").doesNotContain(ids);
            return this;
        }

        Journey hasPassed(String... ids) {
            assertThat(passed()).as("passed").contains(ids);
            return this;
        }

        Journey hasNotPassed(String... ids) {
            assertThat(passed()).as("passed").doesNotContain(ids);
            return this;
        }

        Journey isStarted() {
            assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                    .processInstanceId(lifecycle.getId()).singleResult()).as("started").isNotNull();
            return this;
        }

        Journey isEnded() {
            assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                    .processInstanceId(lifecycle.getId()).singleResult().getEndTime()).as("ended").isNotNull();
            return this;
        }
    }
}
