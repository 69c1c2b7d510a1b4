package dev.handoff.agreement;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Repository;

/** The agreement table: every version, proposals included. */
@Repository
class AgreementRepository {

    /** The catalogue's JSON; unknown properties are ignored, so an older row still reads. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * Catalogues parsed, by their JSON: a row's catalogue text only ever names one catalogue, and nothing changes
     * a parsed one, so each distinct text is parsed once (a handful: one per agreement that changed it).
     */
    private static final Map<String, Catalogue> PARSED = new ConcurrentHashMap<>();
    private static final int PARSED_MAX = 256;

    private final JdbcClient jdbc;

    AgreementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Agreement> inForce() {
        return jdbc.sql("select * from agreement where in_force = 'Y'").query(AgreementRepository::agreement)
                .optional();
    }

    Optional<Agreement> find(int number) {
        return jdbc.sql("select * from agreement where number = ?").param(number)
                .query(AgreementRepository::agreement).optional();
    }

    List<Agreement> all() {
        return jdbc.sql("select * from agreement order by number").query(AgreementRepository::agreement).list();
    }

    int nextNumber() {
        return jdbc.sql("select coalesce(max(number), 0) + 1 from agreement").query(Integer.class).single();
    }

    /** Inserts the agreement; a concurrent insert of the same number fails on the primary key. */
    void insert(Agreement a) {
        JdbcClient.StatementSpec statement = jdbc.sql("insert into agreement (number, status, in_force, "
                + "effective_from, in_force_since, mql_definition_version, sla_policy_version, lead_routing_version, "
                + "lead_fit_version, target_sla_compliance, target_acceptance, target_sal_to_sql, "
                + "target_definitional_share_max, "
                + "objective_mqls, objective_sqls, objective_pipeline, objective_won_revenue, summary, proposed_by, "
                + "proposed_side, proposed_at, marketing_signed_by, marketing_signed_at, sales_signed_by, "
                + "sales_signed_at, catalogue) values (:number, :status, :inForce, :effectiveFrom, :inForceSince, "
                + ":mql, :sla, :routing, :fit, :slaCompliance, :acceptance, :salToSql, :definitional, :mqls, :sqls, "
                + ":pipeline, :won, :summary, :proposedBy, :side, :proposedAt, :marketingBy, :marketingAt, :salesBy, "
                + ":salesAt, :catalogue)")
                .param("number", a.number()).param("status", a.status().name())
                .param("inForce", a.status() == Agreement.Status.IN_FORCE ? "Y" : null)
                .param("effectiveFrom", a.effectiveFrom()).param("inForceSince", a.inForceSince())
                .param("proposedBy", a.proposedBy())
                .param("side", a.proposedSide() == null ? null : a.proposedSide().name());
        terms(statement, a).update();
    }

    /** A revision of a proposal: what it changes, and the proposer's signature again (the other side's is void). */
    void revise(Agreement a) {
        JdbcClient.StatementSpec statement = jdbc.sql("update agreement set mql_definition_version = :mql, "
                + "sla_policy_version = :sla, lead_routing_version = :routing, lead_fit_version = :fit, "
                + "target_sla_compliance = :slaCompliance, "
                + "target_acceptance = :acceptance, target_sal_to_sql = :salToSql, "
                + "target_definitional_share_max = :definitional, objective_mqls = :mqls, objective_sqls = :sqls, "
                + "objective_pipeline = :pipeline, objective_won_revenue = :won, summary = :summary, "
                + "effective_from = :effectiveFrom, proposed_at = :proposedAt, marketing_signed_by = :marketingBy, "
                + "marketing_signed_at = :marketingAt, sales_signed_by = :salesBy, sales_signed_at = :salesAt, "
                + "catalogue = :catalogue where number = :number and status = 'PROPOSED'")
                .param("number", a.number()).param("effectiveFrom", a.effectiveFrom());
        terms(statement, a).update();
    }

    /**
     * What an insert and a revision both write: decisions, targets, objectives, catalogue, summary and signatures.
     */
    private static JdbcClient.StatementSpec terms(JdbcClient.StatementSpec statement, Agreement a) {
        return statement
                .param("mql", a.decisions().mqlDefinition()).param("sla", a.decisions().slaPolicy())
                .param("routing", a.decisions().leadRouting()).param("fit", a.decisions().leadFit())
                .param("slaCompliance", a.targets().slaCompliance()).param("acceptance", a.targets().acceptance())
                .param("salToSql", a.targets().salToSql())
                .param("definitional", a.targets().definitionalShareMax())
                .param("mqls", a.objectives().mqls()).param("sqls", a.objectives().sqls())
                .param("pipeline", a.objectives().pipeline()).param("won", a.objectives().wonRevenue())
                .param("catalogue", json(a.catalogue()))
                .param("summary", a.summary()).param("proposedAt", a.proposedAt())
                .param("marketingBy", a.marketing() == null ? null : a.marketing().by())
                .param("marketingAt", a.marketing() == null ? null : a.marketing().at())
                .param("salesBy", a.sales() == null ? null : a.sales().by())
                .param("salesAt", a.sales() == null ? null : a.sales().at());
    }

    /** Gives an agreement made before catalogues existed one; an agreement that has one keeps it. */
    boolean fillCatalogue(int number, Catalogue catalogue) {
        return jdbc.sql("update agreement set catalogue = ? where number = ? and catalogue is null")
                .params(json(catalogue), number).update() == 1;
    }

    void comment(int number, String comment) {
        jdbc.sql("update agreement set review_comment = ? where number = ?").params(comment, number).update();
    }

    void sign(int number, Agreement.Side side, String by, OffsetDateTime at, LocalDate effectiveFrom) {
        String column = side == Agreement.Side.MARKETING ? "marketing" : "sales";
        jdbc.sql("update agreement set " + column + "_signed_by = ?, " + column + "_signed_at = ?, effective_from = ? "
                + "where number = ? and status = 'PROPOSED'").params(by, at, effectiveFrom, number).update();
    }

    void reject(int number) {
        jdbc.sql("update agreement set status = 'REJECTED' where number = ? and status = 'PROPOSED'").param(number)
                .update();
    }

    /** The previous agreement ends and this one starts, in one statement pair of the caller's transaction. */
    void putInForce(int number, OffsetDateTime now) {
        jdbc.sql("update agreement set status = 'SUPERSEDED', in_force = null, superseded_at = ? where in_force = 'Y'")
                .param(now).update();
        int updated = jdbc.sql("update agreement set status = 'IN_FORCE', in_force = 'Y', in_force_since = ? "
                + "where number = ? and status = 'PROPOSED'").params(now, number).update();
        if (updated != 1) {
            throw new IllegalStateException("Agreement " + number + " is not a signed proposal");
        }
    }

    private static Agreement agreement(ResultSet rs, int row) throws SQLException {
        String side = rs.getString("proposed_side");
        return new Agreement(rs.getInt("number"), Agreement.Status.valueOf(rs.getString("status")),
                rs.getObject("effective_from", LocalDate.class),
                rs.getObject("in_force_since", OffsetDateTime.class),
                rs.getObject("superseded_at", OffsetDateTime.class),
                new Agreement.Decisions(rs.getInt("mql_definition_version"), rs.getInt("sla_policy_version"),
                        rs.getInt("lead_routing_version"), rs.getInt("lead_fit_version")),
                new Agreement.Targets(rs.getDouble("target_sla_compliance"), rs.getDouble("target_acceptance"),
                        rs.getDouble("target_sal_to_sql"), rs.getDouble("target_definitional_share_max")),
                new Agreement.Objectives((Integer) rs.getObject("objective_mqls", Integer.class),
                        (Integer) rs.getObject("objective_sqls", Integer.class),
                        rs.getObject("objective_pipeline", BigDecimal.class),
                        rs.getObject("objective_won_revenue", BigDecimal.class)),
                catalogue(rs.getString("catalogue")), rs.getString("summary"), rs.getString("proposed_by"),
                side == null ? null : Agreement.Side.valueOf(side),
                rs.getObject("proposed_at", OffsetDateTime.class),
                signature(rs, "marketing"), signature(rs, "sales"), rs.getString("review_comment"));
    }

    private static Agreement.Signature signature(ResultSet rs, String side) throws SQLException {
        String by = rs.getString(side + "_signed_by");
        return by == null ? null : new Agreement.Signature(by, rs.getObject(side + "_signed_at", OffsetDateTime.class));
    }

    private static String json(Catalogue catalogue) {
        try {
            return catalogue == null ? null : JSON.writeValueAsString(catalogue);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The catalogue does not write as JSON", e);
        }
    }

    private static Catalogue catalogue(String json) {
        if (json == null) {
            return null;
        }
        Catalogue parsed = PARSED.get(json);
        if (parsed == null) {
            parsed = parse(json);
            if (PARSED.size() >= PARSED_MAX) {
                PARSED.clear();
            }
            PARSED.put(json, parsed);
        }
        return parsed;
    }

    private static Catalogue parse(String json) {
        try {
            return JSON.readValue(json, Catalogue.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An agreement's catalogue is not the JSON Handoff wrote", e);
        }
    }
}
