package dev.handoff.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;

/** Accounts over the API and by CSV: who may keep them, and bad or hostile input answered with the field named. */
@IntegrationTest
class AccountApiIT {

    @LocalServerPort
    int port;

    @Test
    void salesManagersKeepAccountsAndEverybodyReadsThem() {
        String domain = unique();
        Api sally = Api.as(port, "sally");
        Api.Response created = sally.post("/api/accounts", body("Hooli " + domain, List.of(" WWW." + domain.toUpperCase()
                + " "), "sam"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(created.location()).endsWith("/api/accounts/" + id);
        assertThat(created.json().path("domains")).extracting(JsonNode::asText).containsExactly(domain);

        assertThat(Api.as(port, "sam").get("/api/accounts/" + id).json().path("owner").asText()).isEqualTo("sam");
        assertThat(Api.as(port, "sam").post("/api/accounts", body("X " + domain, List.of("x" + domain), "sam"))
                .status()).isEqualTo(403);
        assertThat(Api.anonymous(port).get("/api/accounts").status()).isEqualTo(401);

        Map<String, Object> changed = body("Hooli " + domain, List.of(domain, "eu-" + domain), "steve");
        changed.put("tier", "strategic");
        Api.Response updated = Api.as(port, "mona").put("/api/accounts/" + id, changed);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("tier").asText()).isEqualTo("strategic");
        assertThat(updated.json().path("updatedBy").asText()).isEqualTo("mona");

        Api.Response match = sally.get("/api/accounts/match?email=x@eu-" + domain);
        assertThat(match.json().path("matchedBy").asText()).isEqualTo("email domain");
        assertThat(match.json().path("account").path("id").asLong()).isEqualTo(id);

        assertThat(sally.delete("/api/accounts/" + id).status()).isEqualTo(200);
        assertThat(sally.get("/api/accounts/" + id).status()).isEqualTo(404);
    }

    @Test
    void badFieldsAreProblemsNamingEachField() {
        Api.Response empty = Api.as(port, "sally").post("/api/accounts", Map.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.contentType()).startsWith("application/problem+json");
        assertThat(fields(empty)).contains("name", "domains", "owner", "team");

        Api.Response nul = Api.as(port, "sally").post("/api/accounts", Map.of("name", "Acme\u0000", "domains",
                List.of(unique()), "owner", "sam", "team", "sdr"));
        assertThat(fields(nul)).containsExactly("name");
        Api.Response bad = Api.as(port, "sally").post("/api/accounts", Map.of("name", "***", "domains",
                List.of("gmail.com", "not a domain", "ok-" + unique(), "a..b", "x".repeat(300) + ".com"),
                "owner", "sam", "team", "ae", "tier", "t".repeat(41)));
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(fields(bad)).contains("name", "domains[0]", "domains[1]", "domains[3]", "domains[4]", "owner",
                "tier").doesNotContain("domains[2]");
        assertThat(bad.body()).contains("free-mail").contains("must be a member of team ae");

        Api.Response team = Api.as(port, "sally").post("/api/accounts", body("T " + unique(), List.of(unique()),
                "sam"));
        assertThat(team.status()).isEqualTo(201);
        Map<String, Object> wrongTeam = body("U " + unique(), List.of(unique()), "sam");
        wrongTeam.put("team", "camunda-admin");
        assertThat(fields(Api.as(port, "sally").post("/api/accounts", wrongTeam))).containsExactly("team");

        Api.Response notAList = Api.as(port, "sally").post("/api/accounts", Map.of("name", "N", "domains", "a.com",
                "owner", "sam", "team", "sdr"));
        assertThat(notAList.status()).isEqualTo(400);
        assertThat(notAList.body()).contains("domains");
        assertThat(Api.as(port, "sally").get("/api/accounts?size=0").status()).isEqualTo(400);
        assertThat(Api.as(port, "sally").get("/api/accounts/abc").status()).isEqualTo(400);
        assertThat(Api.as(port, "sally").get("/api/accounts/match").status()).isEqualTo(400);
    }

    @Test
    void aNameOrDomainOfAnotherAccountIsAConflict() {
        String domain = unique();
        String name = "Stark " + domain;
        assertThat(Api.as(port, "sally").post("/api/accounts", body(name, List.of(domain), "sam")).status())
                .isEqualTo(201);
        Api.Response sameDomain = Api.as(port, "sally").post("/api/accounts", body("Other " + domain,
                List.of(domain), "sam"));
        assertThat(sameDomain.status()).isEqualTo(409);
        assertThat(sameDomain.body()).contains(domain);
        assertThat(Api.as(port, "sally").post("/api/accounts", body(name.toLowerCase() + " GmbH", List.of(unique()),
                "sam")).status()).as("the same name with case and legal form aside").isEqualTo(409);
    }

    @Test
    void aCsvImportCreatesAndUpdatesByNameAndReportsEveryBadRow() {
        String a = unique();
        String b = unique();
        String tag = a.substring(5, 13);
        String csv = "\uFEFFname,domains,owner,team,tier\n"
                + "\"Wayne " + tag + ", Inc.\"," + a + ";eu-" + a + ",sam,sdr,key\n"
                + "Bad " + b + ",gmail.com,nobody,sdr,\n"
                + "WAYNE " + tag + "," + a + ",steve,sdr,\n";
        Api.Response report = Api.as(port, "mona").postRaw("/api/accounts/import", "text/csv", csv);
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        JsonNode r = report.json();
        assertThat(r.path("created").asInt()).isEqualTo(1);
        assertThat(r.path("updated").asInt()).as("row 4 names row 2's account").isEqualTo(1);
        assertThat(r.path("rejected").asInt()).isEqualTo(1);
        JsonNode rejected = r.path("results").get(1);
        assertThat(rejected.path("row").asInt()).isEqualTo(3);
        assertThat(rejected.path("errors")).extracting(e -> e.path("field").asText()).contains("domains[0]", "owner");
        long id = r.path("results").get(0).path("id").asLong();
        JsonNode account = Api.as(port, "sam").get("/api/accounts/" + id).json();
        assertThat(account.path("owner").asText()).isEqualTo("steve");
        assertThat(account.path("domains")).extracting(JsonNode::asText).containsExactly(a);

        assertThat(Api.as(port, "sam").postRaw("/api/accounts/import", "text/csv", csv).status()).isEqualTo(403);
        assertThat(fields(Api.as(port, "mona").postRaw("/api/accounts/import", "text/csv", "a,b\n1,2\n")))
                .containsExactly("body");
        assertThat(fields(Api.as(port, "mona").postBytes("/api/accounts/import", "text/csv",
                new byte[] { 'n', 'a', 'm', 'e', '\n', (byte) 0xC3, (byte) 0x28 }))).containsExactly("body");
    }

    private static Map<String, Object> body(String name, List<String> domains, String owner) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("domains", new ArrayList<>(domains));
        body.put("owner", owner);
        body.put("team", "sdr");
        return body;
    }

    private static List<String> fields(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    private static String unique() {
        return "acct-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }
}
