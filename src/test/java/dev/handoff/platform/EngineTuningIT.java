package dev.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.handoff.support.IntegrationTest;
import dev.handoff.support.TestDatabase;

/**
 * What makes Handoff's engine fast, checked on the database of this run (H2, then PostgreSQL): the job
 * executor's query for due jobs reads the due-date index (the database's own query plan says so), the DMN engine
 * parses FEEL once, and history leaves out DMN evaluations and single variable changes.
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
    @Autowired
    ProcessEngine engine;

    @Test
    void theJobExecutorFindsDueJobsThroughTheDueDateIndex() {
        assertThat(plan(DUE_JOBS)).as(TestDatabase.name() + " plan of " + DUE_JOBS)
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

    /** The database's plan for the query: H2's EXPLAIN, or PostgreSQL's with sequential scans made unattractive
     *  (a test database is small enough that a scan would always win, whichever indexes exist). */
    private String plan(String sql) {
        return new JdbcTemplate(dataSource).execute((ConnectionCallback<String>) connection -> {
            boolean postgres = connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL");
            List<String> lines = new ArrayList<>();
            try (Statement statement = connection.createStatement()) {
                if (postgres) {
                    statement.execute("set enable_seqscan = off");
                }
                try (ResultSet rows = statement.executeQuery("explain " + sql)) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                } finally {
                    if (postgres) {
                        statement.execute("reset enable_seqscan");
                    }
                }
            }
            return String.join("\n", lines);
        });
    }
}
