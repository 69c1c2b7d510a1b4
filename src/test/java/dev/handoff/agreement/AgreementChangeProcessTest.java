package dev.handoff.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
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

import dev.handoff.platform.ForbiddenException;
import dev.handoff.platform.InvalidInputException;
import dev.handoff.support.ProcessTest;

/**
 * Every path of agreement-change on a fixed clock (Wednesday 2037-05-13 in Berlin): mona's proposal of a stricter
 * MQL definition is sent back once, revised, signed and put in force by the effective-date timer; a sales proposal
 * of new targets is rejected; who may propose and sign, and what a review must say.
 */
@ProcessTest
class AgreementChangeProcessTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    ProcessEngine processEngine;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    IdentityService identityService;
    @Autowired
    Agreements agreements;
    @Autowired
    JdbcClient jdbc;

    String deployment;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        ClockUtil.setCurrentTime(Date.from(at("2037-05-13T10:00")));
        agreements.inForce();
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        identityService.clearAuthentication();
        runtimeService.createProcessInstanceQuery().processDefinitionKey(ChangeVariables.PROCESS_KEY).list()
                .forEach(p -> runtimeService.deleteProcessInstance(p.getId(), "test over"));
        jdbc.sql("delete from agreement where number > 1").update();
        jdbc.sql("update agreement set status = 'IN_FORCE', in_force = 'Y', superseded_at = null where number = 1")
                .update();
        jdbc.sql("delete from lead where email like '%@replay.test'").update();
        if (deployment != null) {
            repositoryService.deleteDeployment(deployment, true);
        }
    }

    @Test
    void aStricterMqlDefinitionIsSentBackOnceThenSignedAndTakesEffectAtItsDate() throws IOException {
        int v1 = agreements.inForce().decisions().mqlDefinition();
        int v2 = deployStricterMqlDefinition();
        // Last full quarter (2037-Q1): a good fit engaged 30 is an MQL now, not at 40; one engaged 90 is both.
        lead("2037-02-10T09:00:00Z", "EVENT", 30);
        lead("2037-02-11T09:00:00Z", "PARTNER", 90);
        lead("2037-04-02T09:00:00Z", "PARTNER", 30);

        ProcessInstance change = propose("mona", Map.of("mqlDefinitionVersion", v2,
                "summary", "Raise the engagement threshold to 40"));
        assertThat(change).isWaitingAt("Task_ReviewProposal").hasPassed("Task_RecordProposal");
        assertThat(task(change)).hasCandidateGroup("sales-managers");
        assertThat(task(change).getDueDate()).isEqualTo(Date.from(at("2037-05-20T10:00")));
        int number = (Integer) runtimeService.getVariable(change.getId(), "agreementNumber");
        Agreement proposed = agreements.find(number);
        assertThat(proposed.status()).isEqualTo(Agreement.Status.PROPOSED);
        assertThat(proposed.marketing().by()).isEqualTo("mona");
        assertThat(proposed.sales()).isNull();
        assertThat(proposed.decisions().mqlDefinition()).isEqualTo(v2);
        String changes = (String) runtimeService.getVariable(change.getId(), "changesText");
        assertThat(changes).contains("| mql-definition version | v" + v1 + " | v" + v2 + " |",
                "Engagement score >= 25", "Engagement score >= 40").doesNotContain("Highly engaged");
        String replay = (String) runtimeService.getVariable(change.getId(), "replayText");
        assertThat(replay).contains("2 leads of 2037-Q1 (2037-01-01 to 2037-03-31): **2** MQLs under the "
                + "agreement in force, **1** under the proposal", "| event | 1 | 0 |", "| partner | 1 | 1 |");

        complete(task(change), "sally", Map.of("reviewDecision", "sendBack",
                "reviewComment", "Start it on a Monday and say what it costs us in MQLs"));
        assertThat(change).isWaitingAt("Task_ReviseProposal");
        assertThat(task(change)).isAssignedTo("mona");
        assertThat(agreements.find(number).reviewComment()).startsWith("Start it on a Monday");

        complete(task(change), "mona", Map.of("mqlDefinitionVersion", v2, "effectiveFrom", "2037-05-18",
                "summary", "Raise the engagement threshold to 40: one webinar MQL fewer per quarter"));
        assertThat(change).isWaitingAt("Task_ReviewProposal").hasPassed("Task_RecordRevision");
        assertThat(agreements.find(number).summary()).endsWith("one webinar MQL fewer per quarter");

        complete(task(change), "sally", Map.of("reviewDecision", "accept", "effectiveFrom", "2037-05-18"));
        assertThat(change).isWaitingAt("Event_EffectiveDate");
        Agreement signed = agreements.find(number);
        assertThat(signed.sales().by()).isEqualTo("sally");
        assertThat(signed.signed()).isTrue();
        assertThat(agreements.inForce().number()).isEqualTo(1);
        assertThat(agreements.decisionId("mql-definition")).isEqualTo(definitionId(v1));

        Job timer = managementService.createJobQuery().processInstanceId(change.getId()).singleResult();
        assertThat(timer.getDuedate()).isEqualTo(Date.from(at("2037-05-18T00:00")));
        ClockUtil.setCurrentTime(Date.from(at("2037-05-18T00:01")));
        managementService.executeJob(timer.getId());
        assertThat(change).isEnded().hasPassed("Task_PutInForce", "Event_InForce");
        assertThat(agreements.inForce().number()).isEqualTo(number);
        assertThat(agreements.find(1).status()).isEqualTo(Agreement.Status.SUPERSEDED);
        assertThat(agreements.decisionId("mql-definition")).isEqualTo(definitionId(v2));
        List<Agreements.Period> periods = agreements.during(at("2037-04-01T00:00"), at("2037-07-01T00:00"));
        assertThat(periods).extracting(p -> p.agreement().number()).containsExactly(1, number);
        assertThat(periods.get(1).from()).isEqualTo(at("2037-05-18T00:01"));
    }

    @Test
    void salesProposeHigherTargetsAndMarketingRejectsThem() {
        ProcessInstance change = propose("sally", Map.of("targetAcceptance", 0.95,
                "objectiveSqls", 40, "summary", "Accept 95 % of MQLs, 40 SQLs a quarter"));
        assertThat(task(change)).hasCandidateGroup("marketing-managers");
        int number = (Integer) runtimeService.getVariable(change.getId(), "agreementNumber");
        assertThat(agreements.find(number).sales().by()).isEqualTo("sally");
        assertThat((String) runtimeService.getVariable(change.getId(), "changesText"))
                .contains("| Target acceptance | 90.0 % | 95.0 % |", "| Objective SQLs | — | 40 |");

        complete(task(change), "mark", Map.of("reviewDecision", "reject",
                "reviewComment", "Not before the lead data is fixed"));
        assertThat(change).isEnded().hasPassed("Task_CloseRejected", "Event_Rejected");
        assertThat(agreements.find(number).status()).isEqualTo(Agreement.Status.REJECTED);
        assertThat(agreements.inForce().number()).isEqualTo(1);
    }

    @Test
    void marketingProposesAnotherPersonaAndTheIcpSalesSeeThemBeforeAndAfterAndSign() {
        Catalogue before = agreements.catalogue();
        assertThat(before.personas()).extracting(Catalogue.Persona::key)
                .containsExactly("finance-leader", "sales-leader", "it-leader", "founder-ceo");
        assertThat(before.match("COO")).isEmpty();
        String personas = CatalogueRules.lines(before.personas()).replace("CFO, Head of Finance", "CFO")
                + "\nops-leader | Operations leader | COO, Head of Operations | Manual handoffs | Show the SLA report";
        ProcessInstance change = propose("mona", Map.of("personas", personas, "icpRegions", "DACH, Benelux",
                "summary", "Operations leaders become a persona; Benelux joins the ICP"));
        assertThat(task(change)).hasCandidateGroup("sales-managers");
        assertThat((String) runtimeService.getVariable(change.getId(), "changesText")).contains(
                "| ICP regions | DACH, Nordics, UK and Ireland | DACH, Benelux |",
                "| Persona finance-leader | Finance leader; titles CFO, Head of Finance, VP Finance",
                "| Persona ops-leader | — | Operations leader; titles COO, Head of Operations; pains: Manual handoffs; "
                        + "say: Show the SLA report |");
        assertThat(agreements.catalogue()).isEqualTo(before);

        complete(task(change), "sally", Map.of("reviewDecision", "accept", "effectiveFrom", "2037-05-13"));
        managementService.executeJob(managementService.createJobQuery().processInstanceId(change.getId())
                .singleResult().getId());
        assertThat(change).isEnded();
        Catalogue after = agreements.catalogue();
        assertThat(after.match("coo").map(Catalogue.Persona::key)).contains("ops-leader");
        assertThat(after.match("Head of Finance")).isEmpty();
        assertThat(after.icp().regions()).containsExactly("DACH", "Benelux");
        assertThat(after.icp().industries()).isEqualTo(before.icp().industries());

        assertThatThrownBy(() -> propose("sally", Map.of("personas", "ops-leader | Ops | COO\nops-leader | Ops | CEO",
                "summary", "Twice")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(p -> p.field()).containsExactly("personas[1].key"));
    }

    @Test
    void eachSideProposesOnlyItsOwnPartAndOnlyTheOtherSideSigns() throws IOException {
        int v2 = deployStricterMqlDefinition();
        // The engine refuses an SDR the process; the first step refuses whoever the engine let through.
        assertThatThrownBy(() -> propose("sam", Map.of("summary", "SDRs want fewer leads")))
                .isInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> Agreements.side(groups("sam"), "sam")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> propose("mona", Map.of("slaPolicyVersion", 1, "targetAcceptance", 0.5,
                "summary", "Sales' part")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(p -> p.field()).containsExactly("targetAcceptance"));
        assertThatThrownBy(() -> propose("mona", Map.of("mqlDefinitionVersion", 99, "summary", "No such")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(p -> p.field()).containsExactly("mqlDefinitionVersion"));
        assertThatThrownBy(() -> propose("mona", Map.of("mqlDefinitionVersion", v2)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(p -> p.field()).containsExactly("summary"));

        ProcessInstance change = propose("mona", Map.of("mqlDefinitionVersion", v2, "summary", "Stricter"));
        Task review = task(change);
        assertThat(refusal(() -> complete(review, "sally", Map.of("reviewDecision", "sendBack"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(p -> p.field()).containsExactly("reviewComment"));
        assertThat(refusal(() -> complete(review, "sally", Map.of("reviewDecision", "accept"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(p -> p.field()).containsExactly("effectiveFrom"));
        assertThat(refusal(() -> complete(review, "sally", Map.of("reviewDecision", "accept",
                "effectiveFrom", "2037-05-12"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(p -> p.field()).containsExactly("effectiveFrom"));
        assertThat(refusal(() -> complete(review, "sally", Map.of("reviewDecision", "maybe"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(p -> p.field()).containsExactly("reviewDecision"));
        assertThat(refusal(() -> completeAsAdminFor(review, "mark", Map.of("reviewDecision", "accept",
                "effectiveFrom", "2037-05-19"))))
                .isInstanceOf(ForbiddenException.class);
        assertThat(change).isWaitingAt("Task_ReviewProposal");
        assertThat(agreements.find((Integer) runtimeService.getVariable(change.getId(), "agreementNumber")).sales())
                .isNull();
    }

    /** What refused the step: the engine wraps a task listener's exception in its own. */
    private static Throwable refusal(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof InvalidInputException)
                    && !(cause instanceof ForbiddenException)) {
                cause = cause.getCause();
            }
            return cause;
        }
        throw new AssertionError("the step was not refused");
    }

    private ProcessInstance propose(String user, Map<String, Object> variables) {
        identityService.setAuthentication(user, groups(user));
        try {
            return runtimeService.startProcessInstanceByKey(ChangeVariables.PROCESS_KEY, new HashMap<>(variables));
        } finally {
            identityService.clearAuthentication();
        }
    }

    private void complete(Task task, String user, Map<String, Object> variables) {
        identityService.setAuthentication(user, groups(user));
        try {
            if (task.getAssignee() == null) {
                taskService.claim(task.getId(), user);
            }
            taskService.complete(task.getId(), new HashMap<>(variables));
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** A marketing manager whom an admin handed the sales side's task: the listener still refuses the signature. */
    private void completeAsAdminFor(Task task, String user, Map<String, Object> variables) {
        taskService.setAssignee(task.getId(), user);
        identityService.setAuthentication(user, groups(user));
        try {
            taskService.complete(task.getId(), new HashMap<>(variables));
        } finally {
            identityService.clearAuthentication();
        }
    }

    private List<String> groups(String user) {
        return identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    }

    /** mql-definition.dmn with "Good fit, engaged" at 40 points of engagement instead of 25, as Modeler would deploy it. */
    private int deployStricterMqlDefinition() throws IOException {
        String xml;
        try (InputStream in = getClass().getResourceAsStream("/processes/mql-definition.dmn")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String stricter = xml.replace("<inputEntry id=\"In_MqlDefinition_GoodFitEngaged_EngagementSc\"><text>&gt;= 25",
                "<inputEntry id=\"In_MqlDefinition_GoodFitEngaged_EngagementSc\"><text>&gt;= 40");
        assertThat(stricter).isNotEqualTo(xml);
        deployment = repositoryService.createDeployment().name("modeler").addString("mql-definition.dmn", stricter)
                .deploy().getId();
        return repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("mql-definition")
                .latestVersion().singleResult().getVersion();
    }

    private String definitionId(int version) {
        return repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("mql-definition")
                .decisionDefinitionVersion(version).singleResult().getId();
    }

    /** A complete lead of good fit (VP Sales, 500 people, software) with the given engagement. */
    private void lead(String createdAt, String source, int engagement) {
        var at = Instant.parse(createdAt).atOffset(ZoneOffset.UTC);
        jdbc.sql("insert into lead (id, email, first_name, last_name, phone, job_title, company, company_size, "
                + "industry, source, stage, engagement_score, created_at, updated_at, stage_changed_at) values "
                + "(?, ?, 'Ria', 'Play', '+49 30 1234', 'VP Sales', 'Replay GmbH', 500, 'Software', ?, 'MQL', ?, "
                + "?, ?, ?)")
                .params(UUID.randomUUID().toString(), UUID.randomUUID() + "@replay.test", source, engagement, at, at,
                        at)
                .update();
    }

    static Instant at(String berlinLocal) {
        return LocalDateTime.parse(berlinLocal).atZone(BERLIN).toInstant();
    }
}
