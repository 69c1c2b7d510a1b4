package dev.handoff.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;

/** Who reads which lead, and capturing a lead again with the caller's own rights, also in a CSV import. */
@IntegrationTest
class LeadAccessIT {

    /** Meets the engine\'s password policy, which holds for users created in tests too. */
    private static final String PASSWORD = "Right-passw0rd";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    AuthorizationService authorizationService;

    @Test
    void marketingRepeatsANurturedLeadWithNewEngagement() {
        for (String user : List.of("mona", "dean", "mark")) {
            Map<String, Object> student = LeadApiIT.student();
            String id = intake().post("/api/leads", student).json().path("id").asText();
            assertThat(Api.as(port, "mona").get("/api/leads/" + id).json().path("stage").asText()).isEqualTo("NURTURE");

            Map<String, Object> again = new java.util.HashMap<>(student);
            again.put("engagements", List.of(LeadApiIT.engagement("webinar", 2)));
            Api.Response repeated = Api.as(port, user).post("/api/leads", again);
            assertThat(repeated.status()).as(user + ": " + repeated.body()).isEqualTo(200);
            assertThat(repeated.json().path("id").asText()).isEqualTo(id);

            Api.Response engaged = Api.as(port, user).post("/api/leads/" + id + "/engagements",
                    Map.of("engagements", List.of(LeadApiIT.engagement("pricing_page", 1))));
            assertThat(engaged.status()).as(user + ": " + engaged.body()).isEqualTo(202);
        }
    }

    @Test
    void aCsvImportRunsWithTheCallersRightsNotWithout() {
        String user = "capturer-" + UUID.randomUUID().toString().substring(0, 8);
        User capturer = identityService.newUser(user);
        capturer.setPassword(PASSWORD);
        identityService.saveUser(capturer);
        identityService.createMembership(user, "demand-gen");
        Authorization revoke = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
        revoke.setUserId(user);
        revoke.setResource(Resources.PROCESS_DEFINITION);
        // The engagement message goes to the lead's nurture stage, the instance waiting for it.
        revoke.setResourceId(LeadVariables.NURTURE_KEY);
        revoke.removePermission(Permissions.UPDATE_INSTANCE);
        authorizationService.saveAuthorization(revoke);
        String email = "again-" + UUID.randomUUID() + "@uni.example";
        Map<String, Object> student = LeadApiIT.student();
        student.put("email", email);
        intake().post("/api/leads", student);

        Map<String, Object> again = new java.util.HashMap<>(student);
        again.put("engagements", List.of(LeadApiIT.engagement("webinar", 2)));
        assertThat(Api.as(port, user, PASSWORD).post("/api/leads", again).status()).isEqualTo(403);
        String csv = "firstName,lastName,email,jobTitle,company,companySize,industry,country,source,engagements\n"
                + "Stu,Dent," + email + ",Student,Uni,5,Education,DE,inbound,webinar@"
                + dev.handoff.platform.EngineClock.now().minusDays(1).withNano(0) + "\n";
        JsonNode report = Api.as(port, user, PASSWORD).postRaw("/api/leads/import", "text/csv", csv).json();
        assertThat(report.path("results").get(0).path("status").asText()).as(report.toString()).isEqualTo("REJECTED");

        JsonNode byDean = Api.as(port, "dean").postRaw("/api/leads/import", "text/csv", csv).json();
        assertThat(byDean.path("results").get(0).path("status").asText()).as(byDean.toString()).isEqualTo("DUPLICATE");
    }

    @Test
    void repsReadTheirOwnLeadsAndTheirTeamsUnroutedOnesContentMarketingNone() {
        String id = intake().post("/api/leads", LeadApiIT.vp(null)).json().path("id").asText();
        String owner = Api.as(port, "sally").get("/api/leads/" + id).json().path("owner").asText();
        String other = SalesHandoffIT.SDRS.stream().filter(s -> !s.equals(owner)).findFirst().orElseThrow();

        assertThat(Api.as(port, owner).get("/api/leads/" + id).status()).isEqualTo(200);
        assertThat(Api.as(port, other).get("/api/leads/" + id).status()).isEqualTo(403);
        assertThat(Api.as(port, "alex").get("/api/leads/" + id).status()).isEqualTo(403);
        assertThat(Api.as(port, "cora").get("/api/leads/" + id).status()).isEqualTo(403);
        assertThat(Api.as(port, "cora").get("/api/leads").status()).isEqualTo(403);
        for (String reader : List.of("mona", "dean", "mark", "sally", "admin", "intake")) {
            assertThat(Api.as(port, reader).get("/api/leads/" + id).status()).as(reader).isEqualTo(200);
        }

        JsonNode page = Api.as(port, other).get("/api/leads?size=200").json();
        assertThat(page.path("items")).isNotNull();
        for (JsonNode lead : page.path("items")) {
            assertThat(lead.path("owner").isMissingNode() ? "sdr" : lead.path("owner").asText())
                    .as(lead.toString()).isIn(other, "sdr");
            if (lead.path("owner").isMissingNode()) {
                assertThat(lead.path("team").asText()).isEqualTo("sdr");
            }
        }
        assertThat(page.path("items").findValuesAsText("id")).doesNotContain(id);
        assertThat(Api.as(port, owner).get("/api/leads?size=200").json().path("items").findValuesAsText("id"))
                .contains(id);
    }

    private Api intake() {
        return Api.as(port, "intake");
    }
}
