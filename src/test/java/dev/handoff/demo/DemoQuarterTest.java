package dev.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.handoff.agreement.Agreements;
import dev.handoff.agreement.Agreement;
import dev.handoff.lead.Engagement;
import dev.handoff.lead.EngagementType;
import dev.handoff.lead.Lead;
import dev.handoff.lead.LeadVariables;
import dev.handoff.lead.Leads;
import dev.handoff.platform.EngineClock;
import dev.handoff.report.Targets;
import dev.handoff.sla.BusinessTime;
import dev.handoff.sla.DeadlineFormat;

/**
 * The demo quarter's leads take paths the lead process allows, and the engine gets the same past: every lead
 * still under way waits in a real process instance that people can work, and the bottleneck view sees the
 * quarter's history. On its own database, with the job executor off.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "spring.datasource.url=jdbc:h2:mem:handoff-demo;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "camunda.bpm.job-execution.enabled=false", "handoff.demo.seed-quarter=false" })
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoQuarterTest {

    private static final int LEADS = 600;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    BusinessTime businessTime;
    @Autowired
    Targets targets;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    RepositoryService repository;
    @Autowired
    TaskService tasks;
    @Autowired
    HistoryService history;
    @Autowired
    IdentityService identity;
    @Autowired
    Leads leads;
    @Autowired
    MockMvc mvc;

    private final List<Trail> trails = new ArrayList<>();
    private final Map<String, BpmnModelInstance> models = new java.util.HashMap<>();
    private int waiting;
    private Instant seededAt;
    private Instant secondAgreementSince;
    @Autowired
    Agreements agreements;

    @BeforeAll
    void seed() {
        // As DemoQuarter does: the engine's clock, which has milliseconds, as the engine stores due dates.
        Instant end = ClockUtil.getCurrentTime().toInstant();
        seededAt = end;
        ContentHistory content = new ContentHistory(jdbc);
        agreements.inForce();
        transaction.executeWithoutResult(status -> {
            new HistoryGenerator(jdbc, businessTime.hours()).recordingTrails(trails::add)
                    .generate(end.minus(Duration.ofDays(90)), end, LEADS, 11);
            content.generate(end.minus(Duration.ofDays(90)), end, 80, 12);
            new ReviewHistory(jdbc, businessTime.hours().zone(), targets).generate(end.minus(Duration.ofDays(90)), end);
            secondAgreementSince = new DemoAgreements(jdbc, businessTime.hours().zone())
                    .generate(end.minus(Duration.ofDays(90)), end);
        });
        EngineHistory engine = new EngineHistory(runtime, management, repository, jdbc, transaction);
        waiting = engine.write(trails);
        engine.writeContent(content.open());
        List<String> keys = new ArrayList<>(LeadVariables.STAGE_KEYS);
        keys.add(LeadVariables.PROCESS_KEY);
        for (String key : keys) {
            models.put(key, repository.getBpmnModelInstance(repository.createProcessDefinitionQuery()
                    .processDefinitionKey(key).latestVersion().singleResult().getId()));
        }
    }

    @Test
    void everyLeadTakesAPathOfTheLeadProcesses() {
        assertThat(trails).hasSize(LEADS);
        StagePath stages = new StagePath(models);
        for (Trail trail : trails) {
            List<String> named = new ArrayList<>(trail.steps().stream().map(Trail.Step::activityId).toList());
            if (trail.waiting() != null) {
                named.add(trail.waiting().activityId());
            }
            assertThat(named.get(0)).isEqualTo("Event_LeadCaptured");
            List<StagePath.Visit> visits = stages.visits(trail);
            List<String> ran = new ArrayList<>();
            for (StagePath.Visit visit : visits) {
                BpmnModelInstance model = models.get(visit.process);
                String lead = trail.leadId() + " in " + visit.process;
                assertThat(model.<FlowNode>getModelElementById(visit.steps.get(0).activityId()))
                        .as("lead %s starts at a start event", lead).isInstanceOf(StartEvent.class);
                for (int i = 1; i < visit.steps.size(); i++) {
                    String from = visit.steps.get(i - 1).activityId();
                    String to = visit.steps.get(i).activityId();
                    assertThat(follows(model, from, to)).as("lead %s: %s after %s", lead, to, from).isTrue();
                }
                for (int i = 0; i < visit.steps.size(); i++) {
                    if (model.getModelElementById(visit.steps.get(i).activityId()) instanceof CallActivity call) {
                        int index = i;
                        assertThat(visits.stream().filter(v -> v.parent == visit && v.callIndex == index)
                                .map(v -> v.process).toList()).as("lead %s: who %s called", lead, call.getId())
                                .containsExactly(call.getCalledElement());
                    }
                }
                FlowNode last = model.getModelElementById(visit.steps.get(visit.steps.size() - 1).activityId());
                if (!visit.open()) {
                    assertThat(last).as("lead %s ends in %s", lead, last.getId()).isInstanceOf(EndEvent.class);
                    assertThat(last.getOutgoing()).isEmpty();
                }
                ran.addAll(visit.steps.stream().map(Trail.Step::activityId).toList());
            }
            assertThat(visits.get(0).open()).isEqualTo(trail.waiting() != null);
            assertThat(ran).as("lead %s: every step the story named ran", trail.leadId()).containsAll(named);
            for (int i = 1; i < trail.steps().size(); i++) {
                assertThat(trail.steps().get(i).start()).as("lead %s goes back in time", trail.leadId())
                        .isAfterOrEqualTo(trail.steps().get(i - 1).start());
            }
        }
        // The quarter shows every kind of wait and ending, not just the easy path.
        Map<String, Long> waits = trails.stream().filter(t -> t.waiting() != null)
                .collect(Collectors.groupingBy(t -> t.waiting().activityId(), Collectors.counting()));
        assertThat(waits).containsKeys("Gateway_AwaitEngagement", "Task_LogContactAttempt", "Task_RecordDealOutcome",
                "Event_CoolOffOver");
        assertThat(trails.stream().flatMap(t -> t.steps().stream()).map(Trail.Step::activityId).distinct().toList())
                .contains("Event_AcceptSlaBreached", "Task_HandleOverdueLead", "Task_ArbitrateRejection",
                        "Event_ContactWindowElapsed", "Event_DealWon", "Event_LeadDisqualified", "Task_CompleteLeadData");
    }

    @Test
    void eachSeededLeadRecordsThePersonaItsJobTitleMatches() {
        // The history's job titles are all typical titles of agreement 1's personas; a job title names one.
        List<Map<String, Object>> byTitle = jdbc.queryForList("select job_title, persona_key, count(*) as n from lead"
                + " where job_title is not null group by job_title, persona_key order by job_title");
        assertThat(byTitle).extracting(r -> r.get("JOB_TITLE") + " → " + r.get("PERSONA_KEY")).contains(
                "CFO → finance-leader", "Controller → finance-leader", "VP Sales → sales-leader",
                "IT lead → it-leader", "CEO → founder-ceo").noneMatch(r -> r.endsWith("→ null"));
        assertThat(byTitle.stream().map(r -> r.get("JOB_TITLE")).distinct().count()).isEqualTo(byTitle.size());
    }

    @Test
    void leadsUnderWayWaitInTheEngineAndEndedOnesDoNot() {
        long open = trails.stream().filter(t -> t.waiting() != null).count();
        assertThat(waiting).isEqualTo((int) open);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(LeadVariables.PROCESS_KEY).count())
                .isEqualTo(open);
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(LeadVariables.PROCESS_KEY)
                .completed().count()).isEqualTo(LEADS - open);
        // Each open SDR clock in Handoff's ledger is an "Accept or reject lead" task of the same rep, due then.
        List<Map<String, Object>> clocks = jdbc.queryForList("select a.lead_id, a.rep, a.sla_due_at from"
                + " lead_assignment a where a.role = 'SDR' and a.ended_at is null and a.rep is not null");
        for (Map<String, Object> clock : clocks) {
            Task task = tasks.createTaskQuery().processInstanceBusinessKey(key((String) clock.get("lead_id")))
                    .taskDefinitionKey("Task_AcceptLead").singleResult();
            assertThat(task).as("task for the open clock of %s", clock.get("lead_id")).isNotNull();
            assertThat(task.getAssignee()).isEqualTo(clock.get("rep"));
            assertThat(task.getDueDate().toInstant()).isEqualTo(((OffsetDateTime) jdbc.queryForObject(
                    "select sla_due_at from lead_assignment where lead_id = ? and ended_at is null",
                    OffsetDateTime.class, clock.get("lead_id"))).toInstant());
            assertThat(task.getCreateTime()).isBeforeOrEqualTo(ClockUtil.getCurrentTime());
            // The accept form reads the deadline as a person does, in the business-hours zone.
            assertThat(runtime.getVariable(task.getProcessInstanceId(), LeadVariables.SLA_DUE_TEXT))
                    .isEqualTo(new DeadlineFormat(businessTime.hours().zone()).moment(task.getDueDate()));
        }
        // Leads in sales stages wait where sales work them; won and disqualified leads have no process left.
        assertThat(countWaiting("SAL", "Task_LogContactAttempt")).isEqualTo(count("SAL"));
        assertThat(countWaiting("OPPORTUNITY", "Task_RecordDealOutcome")).isEqualTo(count("OPPORTUNITY"));
        assertThat(countWaiting("NURTURE", "Gateway_AwaitEngagement")).isEqualTo(count("NURTURE"));
        for (String ended : List.of("WON", "DISQUALIFIED")) {
            for (String lead : jdbc.queryForList("select id from lead where stage = ?", String.class, ended)) {
                assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key(lead)).count()).isZero();
            }
        }
        // No reminder that would have gone out in the past is due again.
        for (String reminder : List.of("Event_AcceptReminderDue", "Event_CadenceReminderDue", "Event_MeetingReminderDue")) {
            assertThat(management.createJobQuery().activityId(reminder).duedateLowerThan(ClockUtil.getCurrentTime()).count())
                    .as(reminder).isZero();
        }
        assertThat(management.createJobQuery().activityId("Event_CadenceReminderDue").count()).isPositive();
    }

    /**
     * Whether a seeded lead waits for acceptance right now depends on the hour the quarter ends (on a Friday
     * afternoon most are answered): accept one if any waits, and in any case work a lead in its cadence.
     */
    @Test
    void aSeededLeadCanBeWorkedAndANurturedOneEngaged() {
        List<String> waitingForAcceptance = jdbc.queryForList("select lead_id from lead_assignment where role = 'SDR'"
                + " and ended_at is null and rep is not null order by lead_id", String.class);
        if (!waitingForAcceptance.isEmpty()) {
            String lead = waitingForAcceptance.get(0);
            completeAsAssignee(lead, "Task_AcceptLead", Map.of(LeadVariables.SAL_DECISION, "accept"));
            assertThat(jdbc.queryForObject("select stage from lead where id = ?", String.class, lead)).isEqualTo("SAL");
            assertThat(jdbc.queryForObject("select outcome from lead_assignment where lead_id = ? and role = 'SDR'"
                    + " order by assigned_at desc fetch first 1 rows only", String.class, lead)).isEqualTo("ACCEPTED");
            assertThat(tasks.createTaskQuery().processInstanceBusinessKey(key(lead)).singleResult().getTaskDefinitionKey())
                    .isEqualTo("Task_LogContactAttempt");
        }
        String inCadence = jdbc.queryForObject("select id from lead where stage = 'SAL' and contact_attempts = 0"
                + " and id not in (" + (waitingForAcceptance.isEmpty() ? "''" : "'" + waitingForAcceptance.get(0) + "'")
                + ") order by id fetch first 1 rows only", String.class);
        completeAsAssignee(inCadence, "Task_LogContactAttempt", Map.of("contactChannel", "phone",
                "contactOutcome", "no_answer"));
        assertThat(jdbc.queryForObject("select count(*) from contact_attempt where lead_id = ?", Long.class, inCadence))
                .isEqualTo(1L);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(key(inCadence)).singleResult()
                .getTaskDefinitionKey()).isEqualTo("Task_LogContactAttempt");

        String nurtured = jdbc.queryForObject("select id from lead where stage = 'NURTURE' order by id"
                + " fetch first 1 rows only", String.class);
        String instance = runtime.createProcessInstanceQuery().processDefinitionKey(LeadVariables.NURTURE_KEY)
                .processInstanceBusinessKey(key(nurtured)).singleResult().getId();
        long engagedBefore = engaged(instance);
        leads.recordEngagements(nurtured, List.of(new Engagement(EngagementType.DEMO_REQUEST,
                EngineClock.now().minusMinutes(5))), "intake");
        assertThat(engaged(instance)).isEqualTo(engagedBefore + 1);
    }

    @Test
    void openContentRequestsWaitForContentMarketingOrTheirRequester() {
        Map<String, String> taskOf = Map.of("triage", "Task_TriageRequest", "in_production", "Task_CreateDraft",
                "in_review", "Task_ReviewDraft");
        List<Map<String, Object>> open = jdbc.queryForList("select process_instance_id, status, requester"
                + " from content_request where status in ('triage', 'in_production', 'in_review')");
        assertThat(open).isNotEmpty();
        for (Map<String, Object> request : open) {
            Task task = tasks.createTaskQuery().processInstanceId((String) request.get("process_instance_id"))
                    .singleResult();
            assertThat(task).as("task of %s", request).isNotNull();
            assertThat(task.getTaskDefinitionKey()).isEqualTo(taskOf.get(request.get("status")));
            assertThat(runtime.getVariable(task.getProcessInstanceId(), "typeLabel")).as("type label of %s", request)
                    .isNotNull().isNotEqualTo(runtime.getVariable(task.getProcessInstanceId(), "type"));
            if (request.get("status").equals("in_review")) {
                assertThat(task.getAssignee()).isEqualTo(request.get("requester"));
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from content_request where process_instance_id like 'demo-%'"
                + " and status in ('triage', 'in_production', 'in_review')", Long.class)).isZero();
    }

    @Test
    void pastReviewsDecidedWhatTheirFiguresCalledFor() {
        List<Map<String, Object>> weeks = jdbc.queryForList("select period_from, period_to, follow_up from"
                + " alignment_review where cadence = 'weekly' order by period_from");
        assertThat((long) weeks.size()).isEqualTo(ReviewCalendar.held(seededAt.minus(Duration.ofDays(90)), seededAt,
                businessTime.hours().zone()).stream().filter(r -> r.cadence() == ReviewCalendar.Cadence.WEEKLY).count());
        for (Map<String, Object> week : weeks) {
            java.time.ZoneId zone = businessTime.hours().zone();
            Map<String, Object> clocks = jdbc.queryForMap("select count(*) as judged, count(case when outcome in"
                    + " ('ACCEPTED', 'REJECTED') and ended_at <= sla_due_at then 1 end) as answered from lead_assignment"
                    + " where role = 'SDR' and outcome is not null and outcome not in ('REASSIGNED', 'TAKEN_OVER')"
                    + " and assigned_at >= ? and assigned_at < ?",
                    ((java.sql.Date) week.get("period_from")).toLocalDate().atStartOfDay(zone).toOffsetDateTime(),
                    ((java.sql.Date) week.get("period_to")).toLocalDate().plusDays(1).atStartOfDay(zone)
                            .toOffsetDateTime());
            long judged = ((Number) clocks.get("judged")).longValue();
            long answered = ((Number) clocks.get("answered")).longValue();
            assertThat(week.get("follow_up")).as("%s: %d of %d", week, answered, judged)
                    .isEqualTo(judged > 0 && answered < 0.9 * judged ? "restore-sla" : "none");
        }
        // As many monthly reviews as the calendar of the seeded window held (1 to 3, depending on today).
        assertThat(jdbc.queryForObject("select count(*) from alignment_review where cadence = 'monthly'", Long.class))
                .isEqualTo(ReviewCalendar.held(seededAt.minus(Duration.ofDays(90)), seededAt,
                        businessTime.hours().zone()).stream()
                        .filter(r -> r.cadence() == ReviewCalendar.Cadence.MONTHLY).count());
    }

    @Test
    void theBottleneckViewSeesTheQuarter() throws Exception {
        String body = bottlenecks(LeadVariables.SALES_ACCEPTANCE_KEY);
        Map<String, JsonNode> activities = activities(body);
        // The report's default window: the 90 days up to today, from midnight; the seeded quarter began at this
        // time of day 90 days ago, so tasks that ended before that midnight are not in it.
        Instant windowStart = java.time.Instant.parse(new ObjectMapper().readTree(body).path("window").path("start")
                .asText());
        long acceptTasksEnded = trails.stream().flatMap(t -> t.steps().stream())
                .filter(s -> s.activityId().equals("Task_AcceptLead") && !s.end().isBefore(windowStart)).count();
        long acceptBreaches = trails.stream().flatMap(t -> t.steps().stream())
                .filter(s -> s.activityId().equals("Task_AcceptLead") && s.interrupted()
                        && !s.end().isBefore(windowStart)).count();
        long acceptedByTests = history.createHistoricTaskInstanceQuery().taskDefinitionKey("Task_AcceptLead")
                .finishedAfter(java.util.Date.from(seededAt)).count();
        assertThat(activities.get("Task_AcceptLead").get("completed").asLong())
                .isEqualTo(acceptTasksEnded + acceptedByTests);
        assertThat(activities.get("Task_AcceptLead").get("breaches").asLong()).isEqualTo(acceptBreaches);
        assertThat(acceptBreaches).isEqualTo(jdbc.queryForObject("select count(*) from sla_breach where kind = 'ACCEPT'"
                + " and breached_at >= ?", Long.class, windowStart.atOffset(java.time.ZoneOffset.UTC)));
        assertThat(activities.get("Task_AcceptLead").get("medianSeconds").asLong()).isPositive();
        Map<String, JsonNode> nurture = activities(bottlenecks(LeadVariables.NURTURE_KEY));
        assertThat(nurture.get("Gateway_AwaitEngagement").get("waiting").asLong()).isEqualTo(runtime
                .createProcessInstanceQuery().activityIdIn("Gateway_AwaitEngagement").count()).isPositive();
        // lead-lifecycle's view: how many leads are in each stage, each stage's call activity a wait state.
        Map<String, JsonNode> lifecycle = activities(bottlenecks(LeadVariables.PROCESS_KEY));
        for (String stage : LeadVariables.STAGE_KEYS) {
            long inStage = runtime.createProcessInstanceQuery().processDefinitionKey(stage).count();
            JsonNode call = lifecycle.values().stream()
                    .filter(a -> a.get("type").asText().equals("callActivity") && a.get("waiting").asLong() == inStage)
                    .findFirst().orElse(null);
            assertThat(call).as("a stage with %s leads in %s", inStage, stage).isNotNull();
            assertThat(call.get("waitState").asBoolean()).isTrue();
        }
        assertThat(lifecycle.get("CallActivity_Nurture").get("waiting").asLong())
                .isEqualTo(runtime.createProcessInstanceQuery().processDefinitionKey(LeadVariables.NURTURE_KEY).count());
        assertThat(lifecycle.get("CallActivity_SalesAcceptance").get("breaches").asLong())
                .as("a stage's breaches are its tasks'")
                .isEqualTo(activities.values().stream().mapToLong(a -> a.get("breaches").asLong()).sum());
    }

    @Test
    void theQuarterRunsUnderAgreementOneAndFromItsMiddleUnderTheSignedAgreementTwo() throws Exception {
        Agreement one = agreements.find(1);
        Agreement two = agreements.find(2);
        assertThat(one.status()).isEqualTo(Agreement.Status.SUPERSEDED);
        assertThat(two.status()).isEqualTo(Agreement.Status.IN_FORCE);
        assertThat(agreements.inForce().number()).isEqualTo(2);
        assertThat(two.inForceSince().toInstant()).isEqualTo(secondAgreementSince).isEqualTo(one.supersededAt()
                .toInstant()).isBetween(seededAt.minus(Duration.ofDays(46)), seededAt.minus(Duration.ofDays(44)));
        assertThat(two.marketing().by()).isEqualTo("mona");
        assertThat(two.sales().by()).isEqualTo("sally");
        assertThat(two.marketing().at()).isBefore(two.inForceSince());
        assertThat(two.targets().acceptance()).isEqualTo(0.85).isNotEqualTo(one.targets().acceptance());
        assertThat(two.decisions()).isEqualTo(one.decisions());

        Map<Integer, Long> leadsByAgreement = new java.util.TreeMap<>();
        jdbc.query("select agreement_number, count(*) from lead group by agreement_number", rs -> {
            leadsByAgreement.put((Integer) rs.getObject(1), rs.getLong(2));
        });
        assertThat(leadsByAgreement.keySet()).containsExactly(1, 2);
        // (A seeded lead judged again since, as the nurtured one another test engages, carries agreement 2.)
        assertThat(jdbc.queryForObject("select count(*) from lead where ((agreement_number = 1 and created_at >= ?) "
                + "or (agreement_number = 2 and created_at < ?)) and updated_at <= ?", Long.class,
                java.sql.Timestamp.from(secondAgreementSince), java.sql.Timestamp.from(secondAgreementSince),
                java.sql.Timestamp.from(seededAt)))
                .as("seeded leads carrying the agreement not in force when they came").isZero();
        assertThat(jdbc.queryForObject("select count(*) from lead where updated_at <= ?", Long.class,
                java.sql.Timestamp.from(seededAt))).as("seeded leads the check above covers")
                .isGreaterThan(LEADS * 9L / 10);

        // The diagnosis of the quarter agreement 2 began in names both, each over its own days and targets.
        java.time.ZonedDateTime began = secondAgreementSince.atZone(businessTime.hours().zone());
        String quarter = began.getYear() + "-Q" + ((began.getMonthValue() - 1) / 3 + 1);
        JsonNode diagnosis = new ObjectMapper().readTree(mvc.perform(get("/api/reports/quarter-diagnosis")
                .param("quarter", quarter).header("Authorization", "Basic "
                        + java.util.Base64.getEncoder().encodeToString("sally:sally".getBytes())))
                .andReturn().getResponse().getContentAsString());
        List<Integer> named = new ArrayList<>();
        diagnosis.path("agreements").forEach(part -> named.add(part.path("agreement").asInt()));
        assertThat(named).as(diagnosis.toString()).containsExactly(1, 2);
        assertThat(diagnosis.path("agreements").get(1).path("targets").path("acceptance").asDouble())
                .isEqualTo(0.85);
    }

    private String bottlenecks(String key) throws Exception {
        return mvc.perform(get("/api/reports/bottlenecks").param("processDefinitionKey", key)
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("sally:sally".getBytes())))
                .andReturn().getResponse().getContentAsString();
    }

    private static Map<String, JsonNode> activities(String body) throws Exception {
        Map<String, JsonNode> activities = new java.util.HashMap<>();
        new ObjectMapper().readTree(body).get("activities").forEach(a -> activities.put(a.get("activityId").asText(), a));
        return activities;
    }

    private void completeAsAssignee(String lead, String taskKey, Map<String, Object> variables) {
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(key(lead)).taskDefinitionKey(taskKey).singleResult();
        assertThat(task).as("%s of %s", taskKey, lead).isNotNull();
        assertThat(runtime.getVariable(task.getProcessInstanceId(), LeadVariables.LEAD_NUMBER)).isEqualTo(key(lead));
        identity.setAuthenticatedUserId(task.getAssignee());
        try {
            tasks.complete(task.getId(), variables);
        } finally {
            identity.clearAuthentication();
        }
    }

    private static boolean follows(BpmnModelInstance model, String from, String to) {
        FlowNode source = model.getModelElementById(from);
        FlowNode target = model.getModelElementById(to);
        if (target instanceof BoundaryEvent boundary) {
            return boundary.getAttachedTo().getId().equals(from);
        }
        return source.getOutgoing().stream().map(SequenceFlow::getTarget).anyMatch(t -> t.getId().equals(to));
    }

    /** The business key of a seeded lead's process: its lead number. */
    private String key(String leadId) {
        return Lead.number(jdbc.queryForObject("select lead_number from lead where id = ?", Long.class, leadId));
    }

    private long engaged(String instance) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId("Event_EngagementRecorded").count();
    }

    private long count(String stage) {
        return jdbc.queryForObject("select count(*) from lead where stage = ?", Long.class, stage);
    }

    private long countWaiting(String stage, String activity) {
        return jdbc.queryForList("select id from lead where stage = ?", String.class, stage).stream()
                .filter(lead -> runtime.createProcessInstanceQuery().processInstanceBusinessKey(key(lead))
                        .activityIdIn(activity).count() == 1)
                .count();
    }
}
