package dev.handoff.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--handoff.routing.default-capacity=100000"));
        arguments.addAll(List.of(more));
        clock().ifPresent(arguments::add);
        return HandoffNode.create(name, workDir, arguments.toArray(String[]::new));
    }

    /** The clock a moved test run uses ({@code -Dhandoff.clock.today}) goes to the child JVMs too. */
    static java.util.Optional<String> clock() {
        String today = System.getProperty("handoff.clock.today", "");
        return today.isBlank() ? java.util.Optional.empty()
                : java.util.Optional.of("--handoff.clock.today=" + today);
    }

    static long count(String jdbcUrl, String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static int update(String jdbcUrl, String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
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
            sleep(200);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double seconds(long fromNanos, long toNanos) {
        return Math.round((toNanos - fromNanos) / 1e8) / 10.0;
    }

    private Resilience() {
    }
}
