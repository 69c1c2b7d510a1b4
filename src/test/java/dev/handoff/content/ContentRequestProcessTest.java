package dev.handoff.content;

import static dev.handoff.content.ContentVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;



import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import dev.handoff.support.FormText;
import dev.handoff.support.ProcessTest;

/** Every path of content-request, with the engine clock moved through each SLA ladder; mails go to GreenMail. */
@ProcessTest
class ContentRequestProcessTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** A Monday morning. */
    static final Instant MONDAY_9 = at("2026-11-16T09:00");

    @RegisterExtension
    static GreenMailExtension mail = Mailbox.server();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> Mailbox.PORT);
    }


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
    ContentRequests requests;
    @Autowired
    ContentHub hub;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void setUp() throws Exception {
        BpmnAwareTests.init(processEngine);
        ClockUtil.setCurrentTime(Date.from(MONDAY_9));
        mail.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    @Test
    void aRequestIsTriagedWithinTwoBusinessDaysAndApprovedFirstTime() {
        ProcessInstance instance = start("sam", "Battlecard vs. competitor Y");
        assertThat(instance).isWaitingAt("Task_TriageRequest");
        Task triage = task(instance);
        assertThat(triage).hasCandidateGroup("content-marketing");
        assertThat(triage.getDueDate()).isEqualTo(Date.from(at("2026-11-17T18:00")));
        long requestId = requestId(instance);
        assertThat(instance.getBusinessKey()).isEqualTo("CR-" + requestId);

        accept(instance, "2026-11-20");
        assertThat(instance).isWaitingAt("Task_CreateDraft");
        assertThat(task(instance).getDueDate()).isEqualTo(Date.from(at("2026-11-20T18:00")));
        submitDraft(instance, "https://drive.example/battlecard-y-v1", "competitor, pricing");
        assertThat(instance).isWaitingAt("Task_ReviewDraft");
        assertThat(task(instance)).isAssignedTo("sam");
        assertThat(task(instance).getDueDate()).isEqualTo(Date.from(at("2026-11-18T18:00")));
        review(instance, "sam", APPROVE, null);

        assertThat(instance).isWaitingAt("Event_RatingDue").hasPassed("Task_PublishAsset", "Task_AnnounceAsset");
        ContentHub.Asset asset = hub.find(assetId(instance)).orElseThrow();
        assertThat(asset.title()).isEqualTo("Battlecard vs. competitor Y");
        assertThat(asset.requester()).isEqualTo("sam");
        assertThat(asset.author()).isEqualTo("cora");
        assertThat(asset.versionCount()).isEqualTo(1);
        assertThat(asset.revisionCount()).isZero();
        assertThat(asset.tags()).isEqualTo("competitor, pricing");
        assertThat(asset.persona()).as("the persona's key in the catalogue").isEqualTo("finance-leader");
        assertThat(hub.search("COMPETITOR y", "battlecard", "Finance-Leader", 0, 10).items()).extracting(ContentHub.Asset::id)
                .contains(asset.id());
        assertThat(requests.get(requestId).status()).isEqualTo("published");
        assertThat(Mailbox.mailsTo(mail, "alex")).anyMatch(m -> m.contains("New content: Battlecard vs. competitor Y"));
        assertThat(Mailbox.mailsTo(mail, "sam")).anyMatch(m -> m.contains("Your content is published"));
        assertThat(kinds(requestId)).containsExactly("requested", "accepted", "draft_submitted", "approved",
                "published", "announced");
    }

    @Test
    void thirtyDaysAfterPublishingTheRequesterRatesTheContent() {
        ProcessInstance instance = publishedRequest("Case study for retail CFOs");
        Job ratingDue = job(instance, "Event_RatingDue");
        assertThat(ratingDue.getDuedate()).isEqualTo(Date.from(MONDAY_9.plus(java.time.Duration.ofDays(30))));
        ClockUtil.setCurrentTime(ratingDue.getDuedate());
        managementService.executeJob(ratingDue.getId());

        assertThat(instance).isWaitingAt("Task_RateContent");
        assertThat(task(instance)).isAssignedTo("sam");
        assertThatThrownBy(() -> completeAs("sam", task(instance), Map.of(USEFULNESS, "7", DEALS_USED_IN, 1)))
                .hasMessageContaining("usefulness must be 1 to 5");
        completeAs("sam", task(instance), Map.of(USEFULNESS, "4", DEALS_USED_IN, 3, RATING_COMMENT, "Won a deal"));

        assertThat(instance).isEnded().hasPassed("Task_RecordRating", "Event_ContentRated");
        ContentHub.Asset asset = hub.find(assetId(instance)).orElseThrow();
        assertThat(asset.averageUsefulness()).isEqualTo(4.0);
        assertThat(asset.ratingCount()).isEqualTo(1);
        assertThat(asset.dealsUsedIn()).isEqualTo(3);
        assertThat(hub.ratings(asset.id())).singleElement().satisfies(r -> {
            assertThat(r.rater()).isEqualTo("sam");
            assertThat(r.comment()).isEqualTo("Won a deal");
        });
    }

    @Test
    void reuseClosesTheRequestAtOnceAndTellsTheRequesterWhichAsset() throws Exception {
        long existing = assetId(publishedRequest("One-pager on SSO"));
        mail.purgeEmailFromAllMailboxes();
        ProcessInstance instance = start("sam", "Something on single sign-on");

        assertThatThrownBy(() -> completeAs("cora", task(instance), Map.of(TRIAGE_DECISION, REUSE,
                REUSE_ASSET_ID, 999_999L))).hasMessageContaining("reuseAssetId names no asset");
        assertThat(instance).isWaitingAt("Task_TriageRequest");
        completeAs("cora", task(instance), Map.of(TRIAGE_DECISION, REUSE, REUSE_ASSET_ID, String.valueOf(existing)));

        assertThat(instance).isEnded().hasPassed("Task_CloseWithReuse", "Event_AssetReused");
        ContentRequests.ContentRequest request = requests.get(requestId(instance));
        assertThat(request.status()).isEqualTo("reused");
        assertThat(request.reusedAssetId()).isEqualTo(existing);
        assertThat(request.closedAt()).isNotNull();
        assertThat(hub.find(existing).orElseThrow().reuseCount()).isEqualTo(1);
        assertThat(Mailbox.mailsTo(mail, "sam")).singleElement().satisfies(m -> assertThat(m)
                .contains("One-pager on SSO").contains("hub asset #" + existing));
        assertThat(kinds(request.id())).containsExactly("requested", "reuse", "requester_notified");
    }

    @Test
    void aDeclineNeedsAReasonAndTellsTheRequester() {
        ProcessInstance instance = start("alex", "Deck for a tiny niche");
        assertThatThrownBy(() -> completeAs("cora", task(instance), Map.of(TRIAGE_DECISION, DECLINE)))
                .hasMessageContaining("declineReason is required");
        completeAs("cora", task(instance), Map.of(TRIAGE_DECISION, DECLINE, DECLINE_REASON, "Covered by the Q4 deck"));

        assertThat(instance).isEnded().hasPassed("Task_CloseDeclined", "Event_RequestDeclined");
        ContentRequests.ContentRequest request = requests.get(requestId(instance));
        assertThat(request.status()).isEqualTo("declined");
        assertThat(request.declineReason()).isEqualTo("Covered by the Q4 deck");
        assertThat(Mailbox.mailsTo(mail, "alex")).singleElement()
                .satisfies(m -> assertThat(m).contains("Covered by the Q4 deck"));
        assertThat(requests.timeline(request.id())).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("declined");
            assertThat(e.actor()).isEqualTo("cora");
            assertThat(e.detail()).isEqualTo("Covered by the Q4 deck");
        });
    }

    @Test
    void twoRevisionRoundsKeepTheFeedbackVisibleAndCountThem() {
        ProcessInstance instance = start("sam", "Email template for renewals");
        accept(instance, "2026-11-20");
        submitDraft(instance, "https://drive.example/renewal-v1", null);
        assertThatThrownBy(() -> review(instance, "sam", CHANGES, " ")).hasMessageContaining("feedback is required");
        review(instance, "sam", CHANGES, "Shorter subject line");

        assertThat(instance).isWaitingAt("Task_CreateDraft").variables().containsEntry(FEEDBACK, "Shorter subject line")
                .containsEntry(REVISION_COUNT, 1);
        // A revision is due two business days after the change request.
        assertThat(task(instance).getDueDate()).isEqualTo(Date.from(at("2026-11-17T18:00")));
        submitDraft(instance, "https://drive.example/renewal-v2", null);
        review(instance, "sam", CHANGES, "Add a P.S. with the discount");
        submitDraft(instance, "https://drive.example/renewal-v3", null);
        review(instance, "sam", APPROVE, null);

        assertThat(instance).isWaitingAt("Event_RatingDue");
        long requestId = requestId(instance);
        ContentHub.Asset asset = hub.find(assetId(instance)).orElseThrow();
        assertThat(asset.revisionCount()).isEqualTo(2);
        assertThat(asset.versionCount()).isEqualTo(3);
        assertThat(asset.link()).isEqualTo("https://drive.example/renewal-v3");
        assertThat(requests.versions(requestId)).extracting(ContentRequests.Version::version).containsExactly(1, 2, 3);
        assertThat(requests.openAlignmentItems(requestId)).isZero();
        assertThat(requests.timeline(requestId)).filteredOn(e -> e.kind().equals("changes_requested"))
                .extracting(ContentRequests.TimelineEntry::detail)
                .containsExactly("Shorter subject line", "Add a P.S. with the discount");
    }

    @Test
    void aFourthRevisionRoundEscalatesToBothManagersAsAnAlignmentItem() {
        ProcessInstance instance = start("sam", "Deck for the board");
        accept(instance, "2026-11-20");
        for (int round = 1; round <= 3; round++) {
            submitDraft(instance, "https://drive.example/board-v" + round, null);
            review(instance, "sam", CHANGES, "Round " + round + " feedback");
            assertThat(instance).hasNotPassed("Task_RaiseAlignmentItem");
        }
        submitDraft(instance, "https://drive.example/board-v4", null);
        review(instance, "sam", CHANGES, "Still not what we need");

        assertThat(instance).hasPassed("Task_RaiseAlignmentItem").isWaitingAt("Task_CreateDraft");
        long requestId = requestId(instance);
        assertThat(requests.openAlignmentItems(requestId)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select revision_count from content_alignment_item where request_id = ?",
                Integer.class, requestId)).isEqualTo(4);
        assertThat(Mailbox.mailsTo(mail, "mark")).anyMatch(m -> m.contains("Alignment needed: Deck for the board"));
        assertThat(Mailbox.mailsTo(mail, "sally")).anyMatch(m -> m.contains("Still not what we need"));

        submitDraft(instance, "https://drive.example/board-v5", null);
        review(instance, "sam", APPROVE, null);
        assertThat(hub.find(assetId(instance)).orElseThrow().revisionCount()).isEqualTo(4);
    }

    @Test
    void anUntriagedRequestRemindsContentMarketingThenEscalatesToMarketingManagers() {
        ProcessInstance instance = start("sam", "Battlecard vs. competitor Z");
        Job reminder = job(instance, "Event_TriageReminderDue");
        Job overdue = job(instance, "Event_TriageOverdue");
        assertThat(reminder.getDuedate()).isEqualTo(Date.from(at("2026-11-16T18:00")));
        assertThat(overdue.getDuedate()).isEqualTo(Date.from(at("2026-11-17T18:00")));

        ClockUtil.setCurrentTime(reminder.getDuedate());
        managementService.executeJob(reminder.getId());
        assertThat(instance).hasPassed("Task_RemindTriage", "Event_TriageReminded").isWaitingAt("Task_TriageRequest");
        assertThat(Mailbox.mailsTo(mail, "cora")).anyMatch(m -> m.contains("Please triage this content request"));
        assertThat(Mailbox.mailsTo(mail, "mark")).isEmpty();

        ClockUtil.setCurrentTime(overdue.getDuedate());
        managementService.executeJob(overdue.getId());
        assertThat(instance).hasPassed("Task_EscalateTriage", "Event_TriageEscalated").isWaitingAt("Task_TriageRequest");
        assertThat(candidateGroups(task(instance))).containsExactlyInAnyOrder("content-marketing", "marketing-managers");
        assertThat(Mailbox.mailsTo(mail, "mark")).anyMatch(m -> m.contains("not triaged within 2 business days"));
        assertThat(kinds(requestId(instance))).containsExactly("requested", "reminder", "escalated");
    }

    @Test
    void aLateDraftRemindsTheDayBeforeThenEscalatesToMarketingManagers() {
        ProcessInstance instance = start("sam", "One-pager for logistics");
        accept(instance, "2026-11-20");
        Job reminder = job(instance, "Event_DraftReminderDue");
        Job overdue = job(instance, "Event_DraftOverdue");
        assertThat(reminder.getDuedate()).isEqualTo(Date.from(at("2026-11-19T18:00")));
        assertThat(overdue.getDuedate()).isEqualTo(Date.from(at("2026-11-20T18:00")));

        ClockUtil.setCurrentTime(reminder.getDuedate());
        managementService.executeJob(reminder.getId());
        assertThat(instance).hasPassed("Task_RemindDraft", "Event_DraftReminded");
        assertThat(Mailbox.mailsTo(mail, "cora")).anyMatch(m -> m.contains("A content draft is due"));

        ClockUtil.setCurrentTime(overdue.getDuedate());
        managementService.executeJob(overdue.getId());
        assertThat(instance).hasPassed("Task_EscalateDraft", "Event_DraftEscalated").isWaitingAt("Task_CreateDraft");
        assertThat(candidateGroups(task(instance))).contains("marketing-managers");
        assertThat(Mailbox.mailsTo(mail, "mark")).anyMatch(m -> m.contains("A content draft is late"));
        assertThat(Mailbox.mailsTo(mail, "mark")).anyMatch(m -> m.contains("due "
                + readable(task(instance).getDueDate()) + ". It is now in your queue as well."));
    }

    @Test
    void theFormsShowTheTypeAsLabelledAndTheNeededByDateAsADay() {
        ProcessInstance instance = start("sam", "Battlecard vs. competitor W");
        String expectedDay = LocalDate.parse((String) runtimeService.getVariable(instance.getId(), NEEDED_BY))
                .format(DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH));
        assertThat(FormText.of("triage-request", taskService.getVariables(task(instance).getId())))
                .contains("**Type:** Battlecard", "**Needed by:** " + expectedDay);
        accept(instance, "2026-11-20");
        assertThat(FormText.of("create-draft", taskService.getVariables(task(instance).getId())))
                .contains("**Type:** Battlecard", "**Needed by:** " + expectedDay);
        // The variables other code reads keep their codes and ISO dates.
        assertThat(runtimeService.getVariable(instance.getId(), TYPE)).isEqualTo("battlecard");
        assertThat(kinds(requestId(instance))).contains("requested");
    }

    @Test
    void anUnreviewedDraftRemindsTheRequesterThenEscalatesToSalesManagers() {
        ProcessInstance instance = start("sam", "Deck for the manufacturing vertical");
        accept(instance, "2026-11-20");
        submitDraft(instance, "https://drive.example/mfg-v1", null);
        Job reminder = job(instance, "Event_ReviewReminderDue");
        Job overdue = job(instance, "Event_ReviewOverdue");
        assertThat(reminder.getDuedate()).isEqualTo(Date.from(at("2026-11-17T18:00")));
        assertThat(overdue.getDuedate()).isEqualTo(Date.from(at("2026-11-18T18:00")));

        ClockUtil.setCurrentTime(reminder.getDuedate());
        managementService.executeJob(reminder.getId());
        assertThat(instance).hasPassed("Task_RemindReview", "Event_ReviewReminded");
        assertThat(Mailbox.mailsTo(mail, "sam")).anyMatch(m -> m.contains("Please review the draft you requested"));

        ClockUtil.setCurrentTime(overdue.getDuedate());
        managementService.executeJob(overdue.getId());
        assertThat(instance).hasPassed("Task_EscalateReview", "Event_ReviewEscalated").isWaitingAt("Task_ReviewDraft");
        assertThat(candidateGroups(task(instance))).contains("sales-managers");
        assertThat(Mailbox.mailsTo(mail, "sally")).anyMatch(m -> m.contains("not been reviewed within 3 business days"));

        // The manager may now review in the requester's place.
        review(instance, "sally", APPROVE, null);
        assertThat(instance).isWaitingAt("Event_RatingDue");
        assertThat(requests.timeline(requestId(instance))).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("approved");
            assertThat(e.actor()).isEqualTo("sally");
        });
    }

    @Test
    void anInvalidStartCreatesNothing() {
        long before = jdbc.queryForObject("select count(*) from content_request", Long.class);
        long instances = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count();
        Map<String, Object> variables = requestVariables("");
        variables.put(TYPE, "poster");
        variables.put(NEEDED_BY, "2026-11-13");
        variables.put(PERSONA, "CFO");
        identityService.setAuthentication("sam", List.of("sdr"));
        assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(PROCESS_KEY, variables))
                .hasMessageContaining("Please correct:").hasMessageContaining("title must not be blank")
                .hasMessageContaining("type must be one of").hasMessageContaining("neededBy must be today or later")
                .hasMessageContaining("persona must be the key of a persona of the agreement in force: finance-leader");
        identityService.clearAuthentication();

        assertThat(jdbc.queryForObject("select count(*) from content_request", Long.class)).isEqualTo(before);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count())
                .isEqualTo(instances);
    }

    // --- the steps, done as the people who do them

    /** A moment as a person should read it: local to Berlin, the business-hours zone of the tests, and named. */
    private static String readable(Date moment) {
        return moment.toInstant().atZone(BERLIN).format(DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm",
                Locale.ENGLISH)) + " (Europe/Berlin)";
    }

    private ProcessInstance start(String requester, String title) {
        identityService.setAuthentication(requester, List.of(requester.startsWith("a") ? "ae" : "sdr"));
        try {
            return runtimeService.startProcessInstanceByKey(PROCESS_KEY, requestVariables(title));
        } finally {
            identityService.clearAuthentication();
        }
    }

    private static Map<String, Object> requestVariables(String title) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(TYPE, "battlecard");
        variables.put(TITLE, title);
        variables.put(NEED, "Prospects ask why we cost more than the competitor");
        variables.put(PERSONA, "finance-leader");
        variables.put(NEEDED_BY, "2026-11-27");
        return variables;
    }

    private ProcessInstance publishedRequest(String title) {
        ProcessInstance instance = start("sam", title);
        accept(instance, "2026-11-20");
        submitDraft(instance, "https://drive.example/" + title.replace(' ', '-'), null);
        review(instance, "sam", APPROVE, null);
        assertThat(instance).isWaitingAt("Event_RatingDue");
        return instance;
    }

    private void accept(ProcessInstance instance, String agreedDueDate) {
        completeAs("cora", task(instance), Map.of(TRIAGE_DECISION, ACCEPT, AGREED_DUE_DATE, agreedDueDate));
    }

    private void submitDraft(ProcessInstance instance, String link, String tags) {
        Map<String, Object> variables = new HashMap<>(Map.of(DRAFT_LINK, link));
        if (tags != null) {
            variables.put(TAGS, tags);
        }
        completeAs("cora", task(instance), variables);
    }

    private void review(ProcessInstance instance, String reviewer, String decision, String feedback) {
        Map<String, Object> variables = new HashMap<>(Map.of(REVIEW_DECISION, decision));
        if (feedback != null) {
            variables.put(FEEDBACK, feedback);
        }
        completeAs(reviewer, task(instance), variables);
    }

    /** Claims (unless assigned) and completes as the user, so the engine's task authorizations apply. */
    private void completeAs(String user, Task task, Map<String, Object> variables) {
        List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream()
                .map(g -> g.getId()).toList();
        identityService.setAuthentication(user, groups);
        try {
            if (task.getAssignee() == null) {
                taskService.claim(task.getId(), user);
            }
            taskService.complete(task.getId(), variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private long requestId(ProcessInstance instance) {
        return requests.findByProcessInstance(instance.getId()).orElseThrow().id();
    }

    private long assetId(ProcessInstance instance) {
        Long id = hub.assetOfRequest(requestId(instance));
        assertThat(id).isNotNull();
        return id;
    }

    private List<String> kinds(long requestId) {
        return requests.timeline(requestId).stream().map(ContentRequests.TimelineEntry::kind).toList();
    }

    private Job job(ProcessInstance instance, String activityId) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
                .singleResult();
    }

    private List<String> candidateGroups(Task task) {
        return taskService.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId)
                .filter(g -> g != null).toList();
    }

    private static Instant at(String localBerlin) {
        return LocalDateTime.parse(localBerlin).atZone(BERLIN).toInstant();
    }
}
