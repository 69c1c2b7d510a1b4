package dev.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;
import dev.handoff.support.LeadProcesses;
import dev.handoff.support.QueryPlans;
import dev.handoff.support.TestDatabase;
import dev.handoff.support.TestLeads;

/**
 * What makes Handoff's engine fast, checked on the database of this run (H2, then PostgreSQL): the job
 * executor's query for due jobs reads the due-date index (the database's own query plan says so), the DMN engine
 * parses FEEL once, and history leaves out DMN evaluations, single variable changes and the lead processes'
 * variables.
 */
@IntegrationTest
class EngineTuningIT {

    /** The job executor's acquisition (Job.xml, selectNextJobsToExecute) with every job given a due date. */
    static final String DUE_JOBS = "select RES.ID_, RES.REV_, RES.DUEDATE_ from ACT_RU_JOB RES "
            + "where (RES.RETRIES_ > 0) and (RES.DUEDATE_ <= current_timestamp) "
            + "and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < current_timestamp) and RES.SUSPENSION_STATE_ = 1 "
            + "order by RES.TYPE_ desc, RES.DUEDATE_ asc";

    @Autowired
    DataSource dataSource;
    @LocalServerPort
    int port;
    @Value("${handoff.history.processes-without-variables}")
    List<String> withoutVariables;
    @Autowired
    ProcessEngine engine;

    @Test
    void theJobExecutorFindsDueJobsThroughTheDueDateIndex() {
        assertThat(QueryPlans.of(dataSource, DUE_JOBS)).as(TestDatabase.name() + " plan of " + DUE_JOBS)
                .containsIgnoringCase("HANDOFF_IDX_JOB_DUE");
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.isEnsureJobDueDateNotNull()).isTrue();
        assertThat(new JdbcTemplate(dataSource).queryForObject(
                "select count(*) from ACT_RU_JOB where DUEDATE_ is null", Long.class)).isZero();
    }

    @Test
    void decisionsAreJudgedWithFeelParsedOnceAndLeaveNoEvaluationHistory() {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getHistoryLevel().getName()).isEqualTo(HistoryLevel.NAME);
        assertThat(configuration.getHistoryLevel().getId()).isEqualTo(3);
        assertThat(((org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration) configuration
                .getDmnEngineConfiguration()).getFeelEngine()).isInstanceOf(FeelParseCache.CachingScalaFeelEngine.class);

        long before = engine.getHistoryService().createHistoricDecisionInstanceQuery().count();
        var result = engine.getDecisionService().evaluateDecisionByKey("engagement-points")
                .variables(Variables.putValue("type", "demo_request")).evaluate();

        assertThat(((Number) result.getSingleEntry()).intValue()).isEqualTo(40);
        assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery().count()).isEqualTo(before);
    }

    @Test
    void theLeadProcessesKeepNoVariableHistoryWhileOtherProcessesDo() {
        List<String> leadProcesses = new ArrayList<>(dev.handoff.lead.LeadVariables.STAGE_KEYS);
        leadProcesses.add(dev.handoff.lead.LeadVariables.PROCESS_KEY);
        assertThat(withoutVariables).as("handoff.history.processes-without-variables")
                .containsExactlyInAnyOrderElementsOf(leadProcesses);

        Api.Response created = Api.as(port, "intake").post("/api/leads", TestLeads.vp(null));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String number = created.json().path("number").asText();
        var runtime = engine.getRuntimeService();
        var lifecycle = LeadProcesses.lifecycle(runtime, number);
        var stage = LeadProcesses.stage(runtime, number);
        var history = engine.getHistoryService();
        assertThat(runtime.getVariables(stage.getId())).containsKeys("leadId", "email", "slaDueAt");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceIdIn(lifecycle.getId(),
                stage.getId()).count()).as("variable history of the lead's instances").isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(stage.getId())
                .activityId("Task_AcceptLead").count()).as("activity history stays").isEqualTo(1);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(number).count())
                .as("the lifecycle and each stage it called so far").isGreaterThanOrEqualTo(3);

        engine.getRepositoryService().createDeployment().name("history probe").addModelInstance("history-probe.bpmn",
                Bpmn.createExecutableProcess("history-probe").camundaHistoryTimeToLive(1).startEvent()
                        .userTask("Task_Wait").endEvent().done()).deploy();
        var probe = runtime.startProcessInstanceByKey("history-probe", Variables.putValue("kept", "yes"));
        try {
            assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(probe.getId())
                    .variableName("kept").singleResult().getValue()).isEqualTo("yes");
        } finally {
            runtime.deleteProcessInstance(probe.getId(), "probe done");
        }
    }
}
