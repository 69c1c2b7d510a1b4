package dev.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
    void theFirstMqlAfterTheFirstStartLandsWithExactlyOneSdr() throws InterruptedException {
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("firstName", "Vera");
        lead.put("lastName", "Vice");
        lead.put("email", "vera-" + UUID.randomUUID() + "@acme.example");
        lead.put("phone", "+49 30 1234567");
        lead.put("jobTitle", "VP Sales");
        lead.put("company", "Acme GmbH");
        lead.put("companySize", 500);
        lead.put("industry", "Software");
        lead.put("country", "DE");
        lead.put("source", "inbound");
        lead.put("engagements", List.of(Map.of("type", "demo_request", "occurredAt",
                EngineClock.now().minusMinutes(5).toString())));
        Api.Response created = Api.as(port, "intake").post("/api/leads", lead);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("stage").asText()).isEqualTo("MQL");
        String name = "Vera Vice";

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
