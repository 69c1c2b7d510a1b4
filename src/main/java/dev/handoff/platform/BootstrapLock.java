package dev.handoff.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Nodes started at the same moment on one PostgreSQL database take turns at start-up: each holds a database
 * lock from before the engine creates or checks its schema until the models are deployed and identities,
 * authorizations and filters are seeded (the application is ready), so all of that happens once, by the first
 * node, and the others find it done. The lock is PostgreSQL's session advisory lock: it goes with the
 * connection, so a node that dies while holding it frees it. On H2 the database file admits one JVM anyway.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BootstrapLock extends AbstractProcessEnginePlugin {

    /** Any number the other nodes agree on; this one spells "handoff" in ASCII. */
    static final long KEY = 0x68616e646f6666L;
    private static final Logger log = LoggerFactory.getLogger(BootstrapLock.class);

    private final DataSource dataSource;
    private Connection held;

    BootstrapLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public synchronized void preInit(ProcessEngineConfigurationImpl configuration) {
        try {
            Connection connection = dataSource.getConnection();
            if (!"PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
                connection.close();
                return;
            }
            connection.setAutoCommit(true);
            if (!lock(connection, "select pg_try_advisory_lock(?)")) {
                log.info("Another node is starting on this database: waiting for it to finish its start-up");
                lock(connection, "select pg_advisory_lock(?)");
            }
            held = connection;
            log.debug("Holding the start-up lock");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the start-up lock on the database", e);
        }
    }

    @EventListener({ ApplicationReadyEvent.class, ApplicationFailedEvent.class, ContextClosedEvent.class })
    synchronized void release() {
        if (held == null) {
            return;
        }
        try (Connection connection = held) {
            held = null;
            try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                unlock.setLong(1, KEY);
                unlock.execute();
            }
            log.debug("Released the start-up lock");
        } catch (SQLException e) {
            // Closing the connection ends the session, which releases the lock as well.
            log.warn("Could not release the start-up lock cleanly: {}", e.getMessage());
        }
    }

    private static boolean lock(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, KEY);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                Object value = result.getObject(1);
                return !(value instanceof Boolean acquired) || acquired;
            }
        }
    }
}
