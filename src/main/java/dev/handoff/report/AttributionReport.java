package dev.handoff.report;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Won revenue of the deals closed in the window, by source and campaign. Who sourced a deal is shown
 * (outbound leads are sales-sourced, every other source marketing-sourced), but both teams are credited with
 * all of it: the revenue objective is shared.
 */
@Component
class AttributionReport {

    record Revenue(long deals, BigDecimal revenue) {
    }

    record SourceRow(String source, String campaign, String sourcedBy, long deals, BigDecimal revenue) {
    }

    record Credit(BigDecimal marketing, BigDecimal sales) {
    }

    record Attribution(Window window, Filter filter, Revenue total, Revenue marketingSourced, Revenue salesSourced,
            Credit creditedTo, List<SourceRow> bySourceAndCampaign) {
    }

    static final String SALES_SOURCE = "OUTBOUND";

    private final NamedParameterJdbcTemplate jdbc;

    AttributionReport(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Attribution attribution(Window window, Filter filter) {
        Sql sql = Sql.in("l.closed_at", window).and("l.stage = 'WON'").eqLeadColumn("l.team", filter.team())
                .eqLeadColumn("l.owner", filter.rep()).eq("l.source", filter.source()).eq("l.campaign", filter.campaign());
        List<SourceRow> rows = jdbc.query("select l.source, l.campaign, count(*) as deals,"
                + " coalesce(sum(l.amount), 0) as revenue from lead l" + sql.where()
                + " group by l.source, l.campaign order by l.source, l.campaign nulls last", sql.params(),
                (rs, i) -> new SourceRow(Stats.code(rs.getString("source")), rs.getString("campaign"),
                        SALES_SOURCE.equals(rs.getString("source")) ? "SALES" : "MARKETING", rs.getLong("deals"),
                        rs.getBigDecimal("revenue").setScale(2)));
        Revenue marketing = sum(rows.stream().filter(r -> r.sourcedBy().equals("MARKETING")).toList());
        Revenue sales = sum(rows.stream().filter(r -> r.sourcedBy().equals("SALES")).toList());
        Revenue total = sum(rows);
        return new Attribution(window, filter, total, marketing, sales, new Credit(total.revenue(), total.revenue()),
                rows);
    }

    private static Revenue sum(List<SourceRow> rows) {
        return new Revenue(rows.stream().mapToLong(SourceRow::deals).sum(),
                rows.stream().map(SourceRow::revenue).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add));
    }
}
