package dev.handoff.demo;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The demo quarter's agreements: agreement 1 in force from the quarter's start, and a signed agreement 2 in force
 * from its middle (sales asked for an acceptance target of 85 % instead of 90 %; marketing ops signed first, then
 * the sales manager), so that the quarter diagnosis judges each half against its own targets. The seeded leads
 * record the agreement in force when they were created. Agreement 1 must exist (Handoff creates it at start-up).
 */
final class DemoAgreements {

    private final JdbcTemplate jdbc;
    private final ZoneId zone;

    DemoAgreements(JdbcTemplate jdbc, ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    /** @return the instant agreement 2 came into force: midnight (business zone) of the period's middle day */
    Instant generate(Instant start, Instant end) {
        LocalDate effective = LocalDate.ofInstant(start.plus(Duration.between(start, end).dividedBy(2)), zone);
        Instant since = effective.atStartOfDay(zone).toInstant();
        Timestamp began = Timestamp.from(start.truncatedTo(ChronoUnit.DAYS));
        jdbc.update("update agreement set in_force = null, status = 'SUPERSEDED', superseded_at = ?, "
                + "in_force_since = ?, effective_from = ?, marketing_signed_at = ?, sales_signed_at = ? "
                + "where number = 1", Timestamp.from(since), began, LocalDate.ofInstant(start, zone), began, began);
        jdbc.update("insert into agreement (number, status, in_force, effective_from, in_force_since, "
                + "mql_definition_version, sla_policy_version, lead_routing_version, lead_fit_version, "
                + "target_sla_compliance, target_acceptance, target_sal_to_sql, target_definitional_share_max, "
                + "objective_mqls, objective_sqls, objective_pipeline, objective_won_revenue, summary, proposed_by, "
                + "proposed_side, proposed_at, marketing_signed_by, marketing_signed_at, sales_signed_by, "
                + "sales_signed_at, catalogue) "
                + "select 2, 'IN_FORCE', 'Y', ?, ?, mql_definition_version, sla_policy_version, lead_routing_version, "
                + "lead_fit_version, target_sla_compliance, 0.85, target_sal_to_sql, target_definitional_share_max, "
                + "objective_mqls, objective_sqls, objective_pipeline, objective_won_revenue, "
                + "'Acceptance target 90 % -> 85 %: half the rejections were misrouted leads, which routing now "
                + "fixes', 'sally', 'SALES', ?, 'mona', ?, 'sally', ?, catalogue from agreement where number = 1",
                effective, Timestamp.from(since), Timestamp.from(since.minus(Duration.ofDays(9))),
                Timestamp.from(since.minus(Duration.ofDays(6))), Timestamp.from(since.minus(Duration.ofDays(7))));
        jdbc.update("update lead set agreement_number = case when created_at < ? then 1 else 2 end",
                Timestamp.from(since));
        return since;
    }
}
