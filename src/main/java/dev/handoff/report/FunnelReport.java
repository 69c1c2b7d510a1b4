package dev.handoff.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lead → MQL → SAL → SQL → Opportunity → Won for the leads created in the window: how many reached each
 * milestone, whatever became of them later.
 */
@Component
class FunnelReport {

    record Stages(long leads, long mql, long sal, long sql, long opportunity, long won) {

        Stages plus(Stages o) {
            return new Stages(leads + o.leads, mql + o.mql, sal + o.sal, sql + o.sql, opportunity + o.opportunity,
                    won + o.won);
        }

        Conversion conversion() {
            return new Conversion(Stats.rate(mql, leads), Stats.rate(sal, mql), Stats.rate(sql, sal),
                    Stats.rate(opportunity, sql), Stats.rate(won, opportunity), Stats.rate(won, leads));
        }
    }

    record Conversion(Double leadToMql, Double mqlToSal, Double salToSql, Double sqlToOpportunity,
            Double opportunityToWon, Double leadToWon) {
    }

    record Row(Stages counts, Conversion conversion) {
    }

    record VersionRow(Integer mqlDefinitionVersion, Stages counts, Conversion conversion) {
    }

    record SourceRow(String source, String campaign, Stages counts, Conversion conversion) {
    }

    record Funnel(Window window, Filter filter, Row total, List<VersionRow> byMqlDefinitionVersion,
            List<SourceRow> bySourceAndCampaign) {
    }

    private static final String COUNTS = """
            count(*) as leads, count(l.mql_at) as mql, count(l.sal_at) as sal, count(l.sql_at) as sqls,
            count(l.opportunity_at) as opportunity, count(case when l.stage = 'WON' then 1 end) as won""";

    private final NamedParameterJdbcTemplate jdbc;

    FunnelReport(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Funnel funnel(Window window, Filter filter) {
        Sql sql = where(window, filter);
        List<SourceRow> bySource = jdbc.query("select l.source, l.campaign, " + COUNTS + " from lead l" + sql.where()
                + " group by l.source, l.campaign order by l.source, l.campaign nulls last", sql.params(),
                (rs, i) -> {
                    Stages s = stages(rs);
                    return new SourceRow(Stats.code(rs.getString("source")), rs.getString("campaign"), s, s.conversion());
                });
        List<VersionRow> byVersion = jdbc.query("select l.mql_definition_version as v, " + COUNTS + " from lead l"
                + sql.where() + " group by l.mql_definition_version order by l.mql_definition_version nulls last", sql.params(),
                (rs, i) -> {
                    Stages s = stages(rs);
                    return new VersionRow((Integer) rs.getObject("v", Integer.class), s, s.conversion());
                });
        Stages total = bySource.stream().map(SourceRow::counts).reduce(new Stages(0, 0, 0, 0, 0, 0), Stages::plus);
        return new Funnel(window, filter, new Row(total, total.conversion()), byVersion, bySource);
    }

    static Sql where(Window window, Filter filter) {
        return Sql.in("l.created_at", window).eq("l.team", filter.team()).eq("l.owner", filter.rep())
                .eq("l.source", filter.source()).eq("l.campaign", filter.campaign());
    }

    private static Stages stages(ResultSet rs) throws SQLException {
        return new Stages(rs.getLong("leads"), rs.getLong("mql"), rs.getLong("sal"), rs.getLong("sqls"),
                rs.getLong("opportunity"), rs.getLong("won"));
    }
}
