package dev.handoff.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;

/** An MQL from a known account goes to the account's owner; the timeline says which account matched and why. */
@IntegrationTest
class AccountRoutingIT {

    @LocalServerPort
    int port;

    @Test
    void aLeadFromAnAccountsDomainGoesToItsOwnerAndTheTimelineSaysWhy() {
        String domain = unique("globex");
        long account = account("Globex " + domain, List.of(domain), "steve");

        JsonNode lead = lead("vera@eu." + domain, "Someone else entirely");

        assertThat(lead.path("owner").asText()).isEqualTo("steve");
        assertThat(event(lead, "ACCOUNT_MATCH").path("reason").asText())
                .contains("Globex " + domain, "id " + account, "matched by email domain", "steve takes it");
        assertThat(event(lead, "ROUTED").path("reason").asText())
                .isEqualTo("routed to steve, the owner of account Globex " + domain);
    }

    @Test
    void theCompanyNameMatchesWithoutCaseOrLegalFormButAFreeMailLeadNeverMatches() {
        String domain = unique("initech");
        String name = "Initech " + domain.substring(8, 16);
        account(name, List.of(domain), "steve");

        JsonNode byName = lead(unique("vera") + "@other-mail.example", name.toUpperCase() + ", Inc.");
        assertThat(byName.path("owner").asText()).isEqualTo("steve");
        assertThat(event(byName, "ACCOUNT_MATCH").path("reason").asText()).contains("matched by company name");

        JsonNode gmail = lead(unique("vera") + "@gmail.com", name);
        assertThat(event(gmail, "ACCOUNT_MATCH").path("reason").asText())
                .isEqualTo("no account: the email is at a free-mail domain, which never matches an account");
        assertThat(event(gmail, "ROUTED").path("reason").asText()).contains("by round robin in team sdr");
        assertThat(event(gmail, "ROUTED").path("detail").asText()).contains("\"matchedBy\":\"none\"");
    }

    @Test
    void anUnavailableOwnerFallsBackToRoundRobinWithTheReasonOnTheTimeline() {
        String domain = unique("umbrella");
        account("Umbrella " + domain, List.of(domain), "sophie");
        Api sally = Api.as(port, "sally");
        assertThat(sally.put("/api/reps/sophie", Map.of("available", false)).status()).isEqualTo(200);
        JsonNode lead;
        try {
            lead = lead("ada@" + domain, null);
        } finally {
            assertThat(sally.put("/api/reps/sophie", Map.of("available", true)).status()).isEqualTo(200);
        }
        assertThat(lead.path("owner").asText()).isIn("sam", "steve");
        assertThat(event(lead, "ACCOUNT_MATCH").path("reason").asText())
                .contains("matched by email domain", "its owner sophie may not take it now (unavailable)");
        assertThat(event(lead, "ROUTED").path("reason").asText()).startsWith("routed to " + lead.path("owner")
                .asText() + " by round robin in team sdr (account Umbrella " + domain + "'s owner sophie may not "
                + "take it now: unavailable)");
    }

    private long account(String name, List<String> domains, String owner) {
        Api.Response created = Api.as(port, "sally").post("/api/accounts", Map.of("name", name, "domains", domains,
                "owner", owner, "team", "sdr"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    private JsonNode lead(String email, String company) {
        Map<String, Object> body = LeadApiIT.vp(null);
        body.put("email", email);
        if (company == null) {
            body.remove("company");
        } else {
            body.put("company", company);
        }
        Api.Response created = Api.as(port, "intake").post("/api/leads", body);
        assertThat(created.json().path("stage").asText()).as(created.body()).isEqualTo("MQL");
        return Api.as(port, "sally").get("/api/leads/" + created.json().path("id").asText()).json();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    private static JsonNode event(JsonNode lead, String type) {
        for (JsonNode event : lead.path("timeline")) {
            if (event.path("type").asText().equals(type)) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " in " + lead.path("timeline"));
    }
}
