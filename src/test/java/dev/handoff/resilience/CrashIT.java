package dev.handoff.resilience;

import static dev.handoff.resilience.Resilience.START_UP;
import static dev.handoff.resilience.Resilience.await;
import static dev.handoff.resilience.Resilience.log;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.handoff.support.HandoffNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A 201 (or the 200 of a repeated lead) promises the lead survives a crash of the JVM: Handoff is killed with
 * {@code kill -9} while four clients post leads, started again on the same database, and every lead it had
 * acknowledged is there once, with its lifecycle and its open task.
 */
class CrashIT {

    @Test
    void onTheEmbeddedDefaultH2(@TempDir Path work) throws Exception {
        // The default profile's own H2 URL (./data/handoff under the working directory), not one of the tests'.
        try (HandoffNode node = Resilience.h2Node("crash-h2", work)) {
            LeadLoad load = killUnderLoad(node);
            node.start().awaitUp(START_UP);
            node.stop();
            check("H2", load, "jdbc:h2:file:" + work.resolve("data/handoff").toAbsolutePath(), "sa");
        }
    }

    @Test
    void onPostgres(@TempDir Path work) throws Exception {
        try (EmbeddedPostgres postgres = Resilience.postgres(work.resolve("pg"), HandoffNode.freePort());
                HandoffNode node = Resilience.node("crash-pg", work.resolve("node"), Resilience.url(postgres))) {
            LeadLoad load = killUnderLoad(node);
            node.start().awaitUp(START_UP);
            node.stop();
            check("PostgreSQL", load, Resilience.url(postgres), "postgres");
        }
    }

    private static LeadLoad killUnderLoad(HandoffNode node) {
        node.start().awaitUp(START_UP);
        LeadLoad load = new LeadLoad(node.name(), 4, node::port);
        await(Duration.ofSeconds(180), "60 leads acknowledged", () -> load.acknowledged().size() >= 60);
        node.kill();
        load.close();
        return load;
    }

    private static void check(String database, LeadLoad load, String url, String user) throws Exception {
        List<String> acknowledged = LeadLedger.unique(load.acknowledged());
        int unanswered = load.sent().size() - load.acknowledged().size();
        LeadLedger ledger = LeadLedger.read(url, user, "", acknowledged, "load-%@resilience.example");
        log.info("kill -9 under load on {}: {}", database, ledger.describe(acknowledged.size(), unanswered));
        assertThat(load.answers()).filteredOn(a -> a.status() >= 400).as("errors answered before the kill").isEmpty();
        assertThat(ledger.missing()).as("acknowledged leads missing").isZero();
        assertThat(ledger.duplicated()).as("leads stored twice").isZero();
        assertThat(ledger.orphaned()).as("leads without lifecycle or task, lifecycles without lead").isZero();
        assertThat(ledger.stored()).isGreaterThanOrEqualTo(acknowledged.size());
    }
}
