package dev.handoff.platform;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The job executor locks the jobs it takes under this node's stable name instead of a random one, and a node
 * that starts releases the locks its crashed predecessor of the same name still held: those SLA timers fire
 * as soon as the node is back, not when the lock expires. Runs after the engine is built and before the job
 * executor starts (the starter starts it when the application has started).
 */
@Component
class JobLocks extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(JobLocks.class);

    private final DataSource dataSource;
    private final String nodeId;
    private String tablePrefix = "";

    JobLocks(DataSource dataSource, NodeId nodeId) {
        this.dataSource = dataSource;
        this.nodeId = nodeId.value();
    }

    /** The engine's host name, which Cockpit's job log and the metrics show, is the node's name too. */
    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHostname(nodeId);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getJobExecutor() != null) {
            configuration.getJobExecutor().setLockOwner(nodeId);
        }
        tablePrefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        int released = new JdbcTemplate(dataSource).update("update " + tablePrefix
                + "ACT_RU_JOB set LOCK_OWNER_ = null, LOCK_EXP_TIME_ = null where LOCK_OWNER_ = ?", nodeId);
        if (released > 0) {
            log.warn("Node {} released {} job locks it held before it stopped; their timers run now", nodeId,
                    released);
        } else {
            log.info("Job executor locks jobs as node {}", nodeId);
        }
    }
}
