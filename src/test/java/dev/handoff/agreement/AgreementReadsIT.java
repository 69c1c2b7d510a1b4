package dev.handoff.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;
import dev.handoff.support.TestDatabase;
import dev.handoff.support.TestLeads;

/**
 * The agreement in force is read once per transaction, never longer: a lead's intake evaluates four decisions
 * under one read of it, and an agreement another node puts in force (a commit this node's code never saw) judges
 * the next lead captured after it.
 */
@IntegrationTest
class AgreementReadsIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Agreements agreements;
    @Autowired
    TransactionTemplate transaction;

    @AfterEach
    void tearDown() {
        jdbc.sql("update agreement set status = 'SUPERSEDED', in_force = null where number > 1 and in_force = 'Y'")
                .update();
        jdbc.sql("delete from agreement where number > 1").update();
        jdbc.sql("update agreement set status = 'IN_FORCE', in_force = 'Y', superseded_at = null where number = 1")
                .update();
    }

    @Test
    void aLeadsIntakeReadsTheAgreementInForceOnce() {
        assumeThat(TestDatabase.name()).as("H2 counts each statement it runs; PostgreSQL only with an extension")
                .isEqualTo("h2");
        capture(); // the first agreement exists, and the statement is prepared
        jdbc.sql("set query_statistics_max_entries 100000").update();
        jdbc.sql("set query_statistics true").update();
        try {
            long before = executions();
            for (int i = 0; i < 3; i++) {
                JsonNode lead = capture();
                assertThat(lead.path("stage").asText()).isEqualTo("MQL");
                assertThat(lead.path("owner").asText()).isNotEmpty();
            }
            long reads = executions() - before;
            assertThat(reads).as("reads of the agreement in force for 3 leads captured, each judged (lead fit, MQL "
                    + "definition), routed and given its SLA; statements on it: " + jdbc.sql("select sql_statement "
                    + "|| ' x' || execution_count from information_schema.query_statistics "
                    + "where lower(sql_statement) like '%agreement%'").query(String.class).list()).isEqualTo(3);
        } finally {
            jdbc.sql("set query_statistics false").update();
        }
    }

    @Test
    void anAgreementPutInForceElsewhereJudgesTheNextLead() {
        assertThat(capture().path("agreementNumber").asInt()).isEqualTo(1);

        // Another node's transaction, straight on the table: nothing in this node hears of it.
        transaction.executeWithoutResult(status -> {
            jdbc.sql("update agreement set status = 'SUPERSEDED', in_force = null, superseded_at = current_timestamp "
                    + "where number = 1").update();
            copyOfFirst(2, "'IN_FORCE'", "'Y'");
        });

        assertThat(capture().path("agreementNumber").asInt()).isEqualTo(2);
    }

    @Test
    void aTransactionThatPutsAnAgreementInForceReadsTheNewOneAfterwards() {
        copyOfFirst(2, "'PROPOSED'", "null");
        int[] seen = transaction.execute(status -> {
            int before = agreements.inForce().number();
            agreements.putInForce(2);
            return new int[] {before, agreements.inForce().number(),
                    agreements.inForce().decisions().mqlDefinition()};
        });
        assertThat(seen[0]).isEqualTo(1);
        assertThat(seen[1]).isEqualTo(2);
        assertThat(seen[2]).isEqualTo(agreements.find(1).decisions().mqlDefinition());
        assertThat(agreements.inForce().number()).isEqualTo(2);
    }

    /** Agreement {@code number}: the first one's terms, signed by both sides, with the given status. */
    private void copyOfFirst(int number, String status, String inForce) {
        jdbc.sql("insert into agreement (number, status, in_force, effective_from, in_force_since, "
                + "mql_definition_version, sla_policy_version, lead_routing_version, lead_fit_version, "
                + "target_sla_compliance, target_acceptance, target_sal_to_sql, target_definitional_share_max, "
                + "summary, proposed_by, proposed_side, proposed_at, marketing_signed_by, marketing_signed_at, "
                + "sales_signed_by, sales_signed_at, catalogue) select " + number + ", " + status + ", " + inForce
                + ", effective_from, current_timestamp, mql_definition_version, sla_policy_version, "
                + "lead_routing_version, lead_fit_version, target_sla_compliance, target_acceptance, "
                + "target_sal_to_sql, target_definitional_share_max, 'The same terms again', 'mona', 'MARKETING', "
                + "current_timestamp, 'mona', current_timestamp, 'sally', current_timestamp, catalogue "
                + "from agreement where number = 1").update();
    }

    private long executions() {
        return jdbc.sql("select coalesce(sum(execution_count), 0) from information_schema.query_statistics "
                + "where lower(sql_statement) like ?").param("%from agreement where in_force = 'y'%").query(Long.class)
                .single();
    }

    private JsonNode capture() {
        Map<String, Object> body = TestLeads.vp(null);
        body.put("email", "vera-" + UUID.randomUUID() + "@reads.example");
        Api.Response created = Api.as(port, "intake").post("/api/leads", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return Api.as(port, "sally").get("/api/leads/" + created.json().path("id").asText()).json();
    }
}
