package dev.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.platform.EngineClock;
import dev.handoff.support.Api;

/**
 * Handoff as a newcomer first starts it: the default profile (H2 file database, job executor on) with the demo
 * quarter seeded, on an empty database of its own. Runs in a JVM of its own (failsafe's first-start run),
 * because its configuration differs from the shared integration-test context's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FirstStartIT {

    private static final List<String> SDRS = List.of("sam", "sophie", "steve");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) throws IOException {
        Path data = Files.createTempDirectory("handoff-first-start");
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + data.resolve("handoff") + ";LOCK_TIMEOUT=10000");
        registry.add("handoff.demo.seed-quarter", () -> "true");
    }

    @Test
    void theReadmesExampleMqlLandsWithExactlyOneSdrAfterTheFirstStart() throws Exception {
        // The README's first example, as a newcomer pastes it.
        String lead = readmeExample(0);
        Api.Response created = Api.as(port, "intake").post("/api/leads", lead);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("stage").asText()).isEqualTo("MQL");
        String name = created.json().path("firstName").asText() + " " + created.json().path("lastName").asText();

        List<String> holders = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (holders.isEmpty() && System.nanoTime() < deadline) {
            for (String sdr : SDRS) {
                if (leadsToAccept(sdr).contains(name)) {
                    holders.add(sdr);
                }
            }
            if (holders.isEmpty()) {
                Thread.sleep(250);
            }
        }
        assertThat(holders).as("SDRs whose \"My leads to accept\" shows the new MQL").hasSize(1);
        assertThat(created.json().path("owner").asText(null)).isIn(holders.get(0), null);
    }

    @Test
    void everySdrHasLeadsToAcceptAndNoLiveDemoLeadIsUnrouted() {
        for (String sdr : SDRS) {
            assertThat(leadsToAccept(sdr)).as(sdr + "'s leads to accept").isNotEmpty();
        }
        assertThat(jdbc.queryForList("select id from lead where external_id like 'demo-live-%' and stage = 'MQL'"
                + " and owner is null", String.class)).as("live demo MQLs routed to nobody").isEmpty();
        // What the quarter leaves open on each rep leaves room for new leads.
        for (String rep : HistoryGenerator.REPS) {
            JsonNode state = Api.as(port, "sally").get("/api/reps/" + rep).json();
            assertThat(state.path("openLeads").asLong()).as(rep + ": " + state)
                    .isLessThan(state.path("capacity").asLong());
        }
    }

    /** The README's other two examples answer what it says: enrichment for a missing phone, nurture for little interest. */
    @Test
    void theReadmesEnrichmentAndNurtureExamplesAnswerWhatItSays() throws Exception {
        JsonNode enrichment = Api.as(port, "intake").post("/api/leads", readmeExample(1)).json();
        assertThat(enrichment.path("stage").asText()).isEqualTo("ENRICHMENT");
        assertThat(enrichment.path("stageReason").asText()).isEqualTo("phone is missing");
        JsonNode nurture = Api.as(port, "intake").post("/api/leads", readmeExample(2)).json();
        assertThat(nurture.path("stage").asText()).isEqualTo("NURTURE");
        assertThat(nurture.path("stageReason").asText()).isEqualTo("below the fit and engagement thresholds");
    }

    /** The JSON body of the README's n-th {@code curl … /api/leads -d '…'}, with the shell's date filled in. */
    static String readmeExample(int n) throws IOException {
        Matcher examples = Pattern.compile("curl -u intake:intake -X POST http://localhost:8080/api/leads"
                + " -H 'Content-Type: application/json' -d '(\\{.*?\\})'\\n```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("README.md")));
        for (int i = 0; i <= n; i++) {
            assertThat(examples.find()).as("README example %d of POST /api/leads", i).isTrue();
        }
        return examples.group(1).replace("'\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\"'",
                EngineClock.now().minusMinutes(5).withNano(0).toString());
    }

    /** The lead names in this SDR's Tasklist filter "My leads to accept", as Tasklist lists them. */
    private List<String> leadsToAccept(String sdr) {
        List<String> names = new ArrayList<>();
        for (JsonNode task : Api.as(port, sdr).filterList("My leads to accept", Map.of())) {
            task.path("_embedded").path("variable").forEach(v -> {
                if (v.path("name").asText().equals("tasklistLead")) {
                    names.add(v.path("value").asText());
                }
            });
        }
        return names;
    }
}
