package dev.handoff.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;


import org.springframework.jdbc.core.simple.JdbcClient;

import dev.handoff.support.ProcessTest;

/**
 * Every path of alignment-review: the timers start each cadence, the gathered figures are those of the period
 * before, the outcome lands in alignment_review and each follow-up reaches its group. Each test reviews a
 * period of 2025 of its own.
 */
@ProcessTest
class AlignmentReviewProcessTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Duration SLA = Duration.ofHours(8);


    @Autowired
    ProcessEngine processEngine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcClient jdbc;

    ReportData data;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        data = new ReportData(jdbc);
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    @Test
    void theWeeklyReviewShowsLastWeeksPipelineAndCanAskSalesToRestoreTheSla() {
        // The week of Monday 2025-03-03: one clock answered in time, one breached.
        String a = data.lead("2025-03-04T09:00:00Z").reached("SAL").insert();
        String b = data.lead("2025-03-04T09:00:00Z").reached("MQL").insert();
        data.clock(a, "sdr", "sam", "2025-03-04T10:00:00Z", SLA, Duration.ofHours(1), "ACCEPTED", 3600L);
        data.clock(b, "sdr", "steve", "2025-03-04T10:00:00Z", SLA, SLA, "BREACHED", 28800L);
        data.breach(b, "ACCEPT", "sdr", "steve", "2025-03-04T18:00:00Z", 600);
        data.lead("2025-03-10T09:00:00Z").insert();

        ProcessInstance review = startByTimer("StartEvent_Weekly", "2025-03-10T09:00");
        assertThat(review).isWaitingAt("Task_WeeklyReview").hasPassed("Task_GatherFigures");
        Task task = task(review);
        assertThat(task).hasCandidateGroup("sales-managers").hasCandidateGroup("marketing-managers");
        assertThat(task.getDueDate()).isEqualTo(Date.from(at("2025-03-11T18:00")));
        Map<String, Object> variables = runtimeService.getVariables(review.getId());
        assertThat(variables).containsEntry("cadence", "weekly").containsEntry("periodFrom", "2025-03-03")
                .containsEntry("periodTo", "2025-03-09").containsEntry("slaCompliance", 0.5);
        assertThat((String) variables.get("figures")).contains("Leads 2 → MQL 2 → SAL 1", "SLA compliance 50.0 %",
                "1 breaches");

        complete(task, "sally", Map.of("notes", "Steve was out; queue coverage agreed", "followUp", "restore-sla"));
        assertThat(review).isWaitingAt("Task_RestoreSla").hasPassed("Task_RecordOutcome");
        assertThat(task(review)).hasCandidateGroup("sales-managers");
        assertThat(task(review).getDueDate()).isEqualTo(Date.from(at("2025-03-14T18:00")));
        Map<String, Object> row = outcome(review);
        assertThat(row).containsEntry("cadence", "weekly").containsEntry("follow_up", "restore-sla")
                .containsEntry("reviewed_by", "sally").containsEntry("notes", "Steve was out; queue coverage agreed");
        assertThat(row.get("period_from").toString()).isEqualTo("2025-03-03");
        assertThat(row.get("verdict")).isNull();

        complete(task(review), "sally", Map.of("followUpNotes", "Backup rep named for holidays"));
        assertThat(review).isNotEnded();
        finish(review);
        assertThat(review).isEnded().hasPassed("EndEvent_SlaRestored");
    }

    @Test
    void aReviewRemindsTheTeamWhatTheLastOneOfItsCadenceAgreed() {
        jdbc.sql("""
                insert into alignment_review (process_instance_id, cadence, period_from, period_to, follow_up, notes,
                    reviewed_by, reviewed_at)
                values ('earlier-weekly', 'weekly', date '2025-03-17', date '2025-03-23', 'restore-sla',
                    'Sophie covers the DACH queue on Fridays', 'mark', timestamp with time zone '2025-03-24 10:00:00+01')
                """).update();

        ProcessInstance review = startByTimer("StartEvent_Weekly", "2025-03-31T09:00");
        assertThat((String) runtimeService.getVariable(review.getId(), "figures")).contains(
                "**Agreed at the last weekly review** (2025-03-17 – 2025-03-23, mark)", "- Follow-up: restore-sla",
                "- Notes: Sophie covers the DACH queue on Fridays");
        complete(task(review), "mark", Map.of("notes", "Friday coverage worked"));
        finish(review);
        // A monthly review is not reminded of weekly decisions.
        ProcessInstance monthly = startByTimer("StartEvent_Monthly", "2025-04-01T10:00");
        assertThat((String) runtimeService.getVariable(monthly.getId(), "figures"))
                .doesNotContain("Sophie covers the DACH queue");
        complete(task(monthly), "mark", Map.of());
        finish(monthly);
    }

    @Test
    void theWeeklyTimerStartsAgainNextMonday() {
        ProcessInstance review = startByTimer("StartEvent_Weekly", "2025-03-17T09:00");
        Job next = timer("StartEvent_Weekly");
        LocalDateTime due = LocalDateTime.ofInstant(next.getDuedate().toInstant(), ZoneId.systemDefault());
        assertThat(next.getDuedate()).isAfter(ClockUtil.getCurrentTime());
        assertThat(due.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(due.getHour()).isEqualTo(9);
        assertThat(due.getMinute()).isZero();
        // A quiet week: nothing to follow up, and no follow-up chosen means none.
        complete(task(review), "mark", Map.of("notes", "Nothing happened"));
        finish(review);
        assertThat(review).isEnded().hasPassed("EndEvent_NoFollowUp");
        assertThat(outcome(review)).containsEntry("follow_up", "none").containsEntry("reviewed_by", "mark");
    }

    @Test
    void theMonthlyReviewShowsLeadQualityAndCanAskMarketingOpsToReviseTheMqlDefinition() {
        // May 2025: 2 of 4 decisions accepted, both rejections "below definition"; one deal lost on price.
        for (int i = 0; i < 4; i++) {
            String lead = data.lead("2025-05-06T09:00:00Z").source("INBOUND", "may-webinar").reached("MQL").insert();
            boolean reject = i >= 2;
            data.clock(lead, "sdr", "sam", "2025-05-06T10:00:00Z", SLA, Duration.ofHours(1),
                    reject ? "REJECTED" : "ACCEPTED", 3600L);
            if (reject) {
                data.rejection(lead, "sam", "below_definition", "2025-05-06T11:00:00Z", i == 3 ? "DISPUTED" : null,
                        i == 3 ? "UPHELD" : null);
            }
        }
        jdbc.sql("update lead set stage = 'LOST', stage_reason = 'price', closed_at = :at where id = :id")
                .param("at", ReportData.at("2025-05-20T10:00:00Z"))
                .param("id", data.lead("2025-04-01T09:00:00Z").insert()).update();
        data.contentRequest("sam", "battlecard", "2025-05-12T09:00:00Z", Duration.ofDays(4), 0, null);

        ProcessInstance review = startByTimer("StartEvent_Monthly", "2025-06-02T10:00");
        assertThat(review).isWaitingAt("Task_MonthlyReview");
        // Five working days of nine hours from Monday 10:00 end on the next Monday at 10:00.
        assertThat(task(review).getDueDate()).isEqualTo(Date.from(at("2025-06-09T10:00")));
        Map<String, Object> variables = runtimeService.getVariables(review.getId());
        assertThat(variables).containsEntry("periodFrom", "2025-05-01").containsEntry("periodTo", "2025-05-31")
                .containsEntry("acceptanceRate", 0.5);
        assertThat((String) variables.get("figures")).contains("Acceptance 50.0 %", "below the MQL definition 2",
                "Disputed 1; arbitration upheld 1", "Objections (why deals were lost): price 1", "Battlecard 1")
                .doesNotContain("below_definition", "battlecard 1");

        complete(task(review), "mark", Map.of("notes", "Job titles below manager do not qualify",
                "followUp", "revise-mql-definition"));
        assertThat(review).isWaitingAt("Task_ReviseMqlDefinition");
        assertThat(task(review)).hasCandidateGroup("marketing-ops");
        complete(task(review), "mona", Map.of("followUpNotes", "mql-definition v3 deployed"));
        finish(review);
        assertThat(review).isEnded().hasPassed("EndEvent_MqlDefinitionRevised");
    }

    @Test
    void theQuarterlyReviewShowsTheDiagnosisAndRecordsObjectives() {
        // 2025-Q3: every clock answered in time and accepted, but 1 of 10 accepted leads qualified; with the won
        // outbound deal (created in the quarter, so SAL and SQL too) 2 of 11.
        for (int i = 0; i < 10; i++) {
            String lead = data.lead("2025-08-05T09:00:00Z").reached(i == 0 ? "SQL" : "SAL").insert();
            data.clock(lead, "sdr", "sophie", "2025-08-05T10:00:00Z", SLA, Duration.ofHours(1), "ACCEPTED", 3600L);
        }
        data.lead("2025-07-01T09:00:00Z").source("OUTBOUND", null).won("12000", "2025-09-15T10:00:00Z").insert();

        ProcessInstance review = startByTimer("StartEvent_Quarterly", "2025-10-01T11:00");
        assertThat(review).isWaitingAt("Task_QuarterlyReview");
        Map<String, Object> variables = runtimeService.getVariables(review.getId());
        assertThat(variables).containsEntry("quarter", "2025-Q3").containsEntry("verdict", "MESSAGE_MISMATCH")
                .containsEntry("periodFrom", "2025-07-01").containsEntry("periodTo", "2025-09-30");
        assertThat((String) variables.get("figures")).contains("2025-Q3: Message mismatch", "SAL→SQL 18.2 %",
                "Shared revenue won: 12000.00 (0 marketing-sourced, 1 sales-sourced deals)");

        complete(task(review), "sally", Map.of("notes", "Pitch misses the CFO's concerns",
                "objectives", "SAL→SQL 30 % by Q4", "followUp", "review-messaging"));
        assertThat(review).isWaitingAt("Task_ReviewMessaging");
        assertThat(task(review)).hasCandidateGroup("marketing-managers");
        assertThat(outcome(review)).containsEntry("verdict", "MESSAGE_MISMATCH")
                .containsEntry("objectives", "SAL→SQL 30 % by Q4");
        complete(task(review), "mark", Map.of("followUpNotes", "New CFO deck"));
        finish(review);
        assertThat(review).isEnded().hasPassed("EndEvent_MessagingReviewed");
    }

    /** Moves the clock to the timer's moment and fires it, as the job executor would. */
    private ProcessInstance startByTimer(String startEvent, String berlinTime) {
        ClockUtil.setCurrentTime(Date.from(at(berlinTime)));
        List<String> before = runtimeService.createProcessInstanceQuery().processDefinitionKey("alignment-review")
                .list().stream().map(ProcessInstance::getId).toList();
        managementService.executeJob(timer(startEvent).getId());
        return runtimeService.createProcessInstanceQuery().processDefinitionKey("alignment-review").list().stream()
                .filter(p -> !before.contains(p.getId())).findFirst().orElseThrow();
    }

    /** Runs the job that ends the review and, with it, the schedule process that called it. */
    private void finish(ProcessInstance review) {
        String schedule = runtimeService.createProcessInstanceQuery().subProcessInstanceId(review.getId())
                .singleResult().getId();
        Job end = managementService.createJobQuery().processInstanceId(review.getId()).singleResult();
        managementService.executeJob(end.getId());
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(schedule).count()).isZero();
    }

    private Job timer(String startEvent) {
        String definition = managementService.createJobDefinitionQuery().activityIdIn(startEvent).singleResult().getId();
        return managementService.createJobQuery().jobDefinitionId(definition).singleResult();
    }

    private void complete(Task task, String user, Map<String, Object> variables) {
        identityService.setAuthentication(user, identityService.createGroupQuery().groupMember(user).list().stream()
                .map(org.camunda.bpm.engine.identity.Group::getId).toList());
        try {
            if (task.getAssignee() == null) {
                taskService.claim(task.getId(), user);
            }
            taskService.complete(task.getId(), new HashMap<>(variables));
        } finally {
            identityService.clearAuthentication();
        }
    }

    private Map<String, Object> outcome(ProcessInstance review) {
        return jdbc.sql("select * from alignment_review where process_instance_id = :id").param("id", review.getId())
                .query().singleRow().entrySet().stream()
                .collect(HashMap::new, (m, e) -> m.put(e.getKey().toLowerCase(), e.getValue()), HashMap::putAll);
    }

    static Instant at(String berlinLocal) {
        return LocalDateTime.parse(berlinLocal).atZone(BERLIN).toInstant();
    }
}
