package dev.handoff.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.handoff.support.HandoffNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** What the crash, outage and several-node tests share: their database, nodes, SQL and patience. */
final class Resilience {

    static final Logger log = LoggerFactory.getLogger("resilience");
    static final Duration START_UP = Duration.ofSeconds(300);

    /** A PostgreSQL whose data outlives a stop, so a test can stop and start it again on the same port. */
    static EmbeddedPostgres postgres(Path dataDirectory, int port) {
        try {
            return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                    .setPort(port).setRegisterShutdownHook(false).setPGStartupWait(Duration.ofSeconds(60)).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String url(EmbeddedPostgres postgres) {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** A node of Handoff on that PostgreSQL with the demo's identities; reps take any number of leads. */
    static HandoffNode node(String name, Path workDir, String jdbcUrl, String... more) {
        List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres", "--spring.datasource.password="));
        arguments.addAll(List.of(more));
        return h2Node(name, workDir, arguments.toArray(String[]::new));
    }

    /**
     * A node on the default profile's own H2 file (./data under its working directory) unless the arguments say
     * otherwise; reps take any number of leads, and a moved test clock ({@code -Dhandoff.clock.today}) goes
     * to the child JVM too.
     */
    static HandoffNode h2Node(String name, Path workDir, String... more) {
        List<String> arguments = new ArrayList<>(List.of("--handoff.routing.default-capacity=100000"));
        arguments.addAll(List.of(more));
        String today = System.getProperty("handoff.clock.today", "");
        if (!today.isBlank()) {
            arguments.add("--handoff.clock.today=" + today);
        }
        return HandoffNode.create(name, workDir, arguments.toArray(String[]::new));
    }

    static long count(String jdbcUrl, String sql, Object... parameters) {
        return run(jdbcUrl, sql, parameters, statement -> {
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        });
    }

    static int update(String jdbcUrl, String sql, Object... parameters) {
        return run(jdbcUrl, sql, parameters, PreparedStatement::executeUpdate);
    }

    private interface Statement<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    private static <T> T run(String jdbcUrl, String sql, Object[] parameters, Statement<T> work) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user(jdbcUrl), "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return work.run(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The user the nodes' databases are opened with: H2's default sa, the embedded PostgreSQL's postgres. */
    static String user(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:h2:") ? "sa" : "postgres";
    }

    /** Makes every waiting "SLA breached" timer of "Accept or reject lead" due now; returns how many. */
    static int makeAcceptBreachesDue(String jdbcUrl) {
        return update(jdbcUrl, "update ACT_RU_JOB set DUEDATE_ = now() - interval '1 second' where JOB_DEF_ID_ in "
                + "(select ID_ from ACT_RU_JOBDEF where ACT_ID_ = 'Event_AcceptSlaBreached')");
    }

    /** Leads whose first acceptance breach is recorded (Task_RecordAcceptBreach ran and committed). */
    static long leadsBreached(String jdbcUrl) {
        return count(jdbcUrl, "select count(distinct lead_id) from sla_breach where kind = 'ACCEPT'");
    }

    /** Leads with more than one acceptance breach, where each was due once. */
    static long leadsBreachedTwice(String jdbcUrl) {
        return count(jdbcUrl, "select count(*) from (select lead_id from sla_breach where kind = 'ACCEPT' "
                + "group by lead_id having count(*) > 1) twice");
    }

    static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + timeout + ": " + what);
            }
            HandoffNode.sleep(200);
        }
    }


    static double seconds(long fromNanos, long toNanos) {
        return Math.round((toNanos - fromNanos) / 1e8) / 10.0;
    }

    private Resilience() {
    }
}
