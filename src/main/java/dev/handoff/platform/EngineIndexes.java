package dev.handoff.platform;

import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Indexes on the engine's own tables for the queries Handoff makes the engine run most, created once the engine
 * has created or checked its schema (Flyway runs before the engine's tables exist on a new database) and before
 * the job executor starts; {@code if not exists} makes it a no-op on every later start. On PostgreSQL the nodes
 * start one after the other ({@link BootstrapLock}).
 * <ul>
 * <li>{@code HANDOFF_IDX_JOB_DUE}: the job executor asks for due jobs every second ({@code DUEDATE_ <= now},
 * timers first by due date). Every lead waits with two or more SLA timers due hours or days later, so without it
 * each acquisition reads every timer of every open lead; with {@code ensure-job-due-date-not-null} (every job has
 * a due date, so the query needs no {@code DUEDATE_ is null or ...}) it reads the due ones only. Jobs an older
 * version created without a due date get their creation time, so they stay acquirable.</li>
 * </ul>
 */
@Component
class EngineIndexes extends AbstractProcessEnginePlugin {

    static final List<String> INDEXES = List.of(
            "create index if not exists HANDOFF_IDX_JOB_DUE on %sACT_RU_JOB (DUEDATE_)");

    private final DataSource dataSource;
    private String tablePrefix = "";

    EngineIndexes(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        tablePrefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (String index : INDEXES) {
            jdbc.execute(index.formatted(tablePrefix));
        }
        jdbc.update("update " + tablePrefix + "ACT_RU_JOB set DUEDATE_ = coalesce(CREATE_TIME_, current_timestamp) "
                + "where DUEDATE_ is null");
    }
}
