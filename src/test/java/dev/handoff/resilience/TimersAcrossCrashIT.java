package dev.handoff.resilience;

import static dev.handoff.resilience.Resilience.START_UP;
import static dev.handoff.resilience.Resilience.await;
import static dev.handoff.resilience.Resilience.log;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.handoff.support.HandoffNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * SLA breaches due while the node crashes are each handled once, and soon after it is back: the restarted node
 * releases the job locks its predecessor of the same name held instead of waiting for them to expire. The node
 * runs with the engine's default five-minute lock here, so that only the release can explain a quick recovery.
 */
class TimersAcrossCrashIT {

    static final int LEADS = 200;
    /** Far below the five-minute lock the dead JVM's jobs would otherwise wait for. */
    static final Duration BOUND = Duration.ofSeconds(120);

    @Test
    void breachesDueAcrossAKill9AreHandledOnceRightAfterTheRestart(@TempDir Path work) throws Exception {
        try (EmbeddedPostgres postgres = Resilience.postgres(work.resolve("pg"), HandoffNode.freePort());
                HandoffNode node = Resilience.node("timers", work.resolve("node"), Resilience.url(postgres),
                        "--camunda.bpm.job-execution.lock-time-in-millis=300000")) {
            String url = Resilience.url(postgres);
            node.start().awaitUp(START_UP);
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < LEADS; i++) {
                assertThat(LeadLoad.send(client, node.port(), "timer-" + i + "@resilience.example").status())
                        .isEqualTo(201);
            }
            assertThat(Resilience.makeAcceptBreachesDue(url)).isEqualTo(LEADS);

            await(Duration.ofSeconds(180), "breaches firing with jobs locked", () -> Resilience.leadsBreached(url) >= 10
                    && Resilience.count(url, "select count(*) from ACT_RU_JOB where LOCK_OWNER_ = ?", "timers") > 0);
            node.kill();
            long handledBeforeKill = Resilience.leadsBreached(url);
            Map<String, Timestamp> lockedByTheDead = locks(url, "timers");

            long restarted = System.nanoTime();
            node.start().awaitUp(START_UP);
            long up = System.nanoTime();
            Map<String, Timestamp> afterRestart = locks(url, "timers");
            long stillHeld = lockedByTheDead.entrySet().stream()
                    .filter(e -> e.getValue().equals(afterRestart.get(e.getKey()))).count();

            await(BOUND, "every breach handled after the restart", () -> Resilience.leadsBreached(url) == LEADS);
            long done = System.nanoTime();
            long twice = Resilience.leadsBreachedTwice(url);
            log.info("Breach timers across kill -9: {} due, {} handled before the kill, {} jobs locked by the dead "
                    + "JVM ({} still held after the restart), restart to up {} s, up to all {} handled {} s, handled "
                    + "twice {}", LEADS, handledBeforeKill, lockedByTheDead.size(), stillHeld,
                    Resilience.seconds(restarted, up), LEADS, Resilience.seconds(up, done), twice);
            assertThat(lockedByTheDead).as("jobs the dead JVM had locked").isNotEmpty();
            assertThat(stillHeld).as("stale locks left after the restart").isZero();
            assertThat(twice).as("leads breached twice").isZero();
            assertThat(Resilience.count(url, "select count(*) from sla_breach where kind = 'ACCEPT'")).isEqualTo(LEADS);
        }
    }

    private static Map<String, Timestamp> locks(String url, String owner) throws Exception {
        Map<String, Timestamp> locks = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select ID_, LOCK_EXP_TIME_ from ACT_RU_JOB where LOCK_OWNER_ = '" + owner + "'")) {
            while (rows.next()) {
                locks.put(rows.getString(1), rows.getTimestamp(2));
            }
        }
        return locks;
    }
}
