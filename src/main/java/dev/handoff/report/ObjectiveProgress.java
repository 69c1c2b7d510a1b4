package dev.handoff.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import dev.handoff.agreement.Agreement;

/**
 * The quarter's shared objectives of the agreement, actual against target, the same figures for marketing and
 * for sales: MQLs (leads that became MQLs in the quarter), SQLs (qualified in it), pipeline (the amount of the
 * opportunities opened in it) and won revenue (deals won in it). Counted over all teams: a shared objective is
 * nobody's alone.
 */
@Component
class ObjectiveProgress {

    /** One objective; {@code target} and {@code progress} (actual / target) null where the agreement sets none. */
    record Objective(String objective, String label, BigDecimal actual, BigDecimal target, Double progress) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    ObjectiveProgress(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Objective> progress(Window quarter, Agreement.Objectives targets) {
        long mqls = count("l.mql_at", quarter);
        long sqls = count("l.sql_at", quarter);
        Sql opened = Sql.in("l.opportunity_at", quarter);
        BigDecimal pipeline = jdbc.queryForObject("select coalesce(sum(l.amount), 0) from lead l" + opened.where(),
                opened.params(), BigDecimal.class);
        Sql won = Sql.in("l.closed_at", quarter).and("l.stage = 'WON'");
        BigDecimal revenue = jdbc.queryForObject("select coalesce(sum(l.amount), 0) from lead l" + won.where(),
                won.params(), BigDecimal.class);
        return List.of(objective("mqls", "MQLs", BigDecimal.valueOf(mqls), number(targets.mqls())),
                objective("sqls", "SQLs", BigDecimal.valueOf(sqls), number(targets.sqls())),
                objective("pipeline", "Pipeline", pipeline, targets.pipeline()),
                objective("wonRevenue", "Won revenue", revenue, targets.wonRevenue()));
    }

    static Objective objective(String key, String label, BigDecimal actual, BigDecimal target) {
        Double progress = target == null || target.signum() == 0 ? null
                : actual.divide(target, 4, RoundingMode.HALF_UP).doubleValue();
        return new Objective(key, label, actual.stripTrailingZeros().scale() <= 0 ? actual.setScale(0) : actual,
                target, progress);
    }

    private long count(String column, Window quarter) {
        Sql sql = Sql.in(column, quarter);
        return jdbc.queryForObject("select count(*) from lead l" + sql.where(), sql.params(), Long.class);
    }

    private static BigDecimal number(Integer value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }
}
