package dev.handoff.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The content loop for the requests made in the window: how many, how many were answered from the hub,
 * how long triage (request → accepted, declined or answered with reuse) and the whole cycle (request →
 * closed) took in wall-clock time, how many revision rounds they needed, and the ratings given in the window.
 * The rep filter means the requester.
 */
@Component
class ContentReport {

    record TypeRow(String type, long requests, long closed, Long medianCycleSeconds) {
    }

    record Ratings(long count, Double averageUsefulness, long dealsUsedIn, Map<Integer, Long> byUsefulness) {
    }

    record Content(Window window, Filter filter, long requests, Map<String, Long> byStatus, long reused,
            Double reuseRate, Stats.Durations triage, Stats.Durations cycle, long revisions, Double averageRevisions,
            long requestsWithRevisions, long alignmentItems, List<TypeRow> byType, Ratings ratings) {
    }

    private static final String TRIAGED = "('accepted', 'declined', 'reuse')";

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlTime time;

    ContentReport(NamedParameterJdbcTemplate jdbc, SqlTime time) {
        this.jdbc = jdbc;
        this.time = time;
    }

    Content content(Window window, Filter filter) {
        Sql sql = Sql.in("r.created_at", window).eq("r.requester", filter.rep());
        Map<String, Long> byStatus = new LinkedHashMap<>();
        jdbc.query("select r.status, count(*) as n from content_request r" + sql.where()
                + " group by r.status order by r.status", sql.params(), rs -> {
                    byStatus.put(rs.getString("status"), rs.getLong("n"));
                });
        List<TypeRow> byType = jdbc.query("select r.type, count(*) as n, count(r.closed_at) as closed, "
                + Stats.percentiles(time.seconds("r.created_at", "r.closed_at"), "cyc") + " from content_request r"
                + sql.where() + " group by r.type order by r.type", sql.params(), (rs, i) -> new TypeRow(
                        rs.getString("type"), rs.getLong("n"), rs.getLong("closed"), Stats.roundedLong(rs, "cyc_p50")));
        Content[] result = new Content[1];
        jdbc.query("select count(*) as n, count(r.reused_asset_id) as reused, count(r.closed_at) as closed,"
                + " count(t.triaged_at) as triaged, sum(r.revision_count) as revisions,"
                + " count(case when r.revision_count > 0 then 1 end) as revised, "
                + Stats.percentiles(time.seconds("r.created_at", "r.closed_at"), "cyc") + ", "
                + Stats.percentiles(time.seconds("r.created_at", "t.triaged_at"), "tri")
                // The triage kinds are picked inside min(): as a WHERE condition H2 reads them through the
                // (kind, request_id) index, scanning every triage event of the period once per request.
                + " from content_request r left join (select e.request_id, min(case when e.kind in " + TRIAGED
                + " then e.at end) as triaged_at from content_event e join content_request q on q.id = e.request_id"
                + " where q.created_at >= :from and q.created_at < :to group by e.request_id) t on t.request_id = r.id"
                + sql.where(),
                sql.params(), rs -> {
                    long n = rs.getLong("n");
                    long revisions = rs.getLong("revisions");
                    result[0] = new Content(window, filter, n, byStatus, rs.getLong("reused"),
                            Stats.rate(rs.getLong("reused"), n), Stats.Durations.read(rs, "tri", "triaged"),
                            Stats.Durations.read(rs, "cyc", "closed"), revisions,
                            n == 0 ? null : Math.round(revisions * 100.0 / n) / 100.0, rs.getLong("revised"),
                            alignmentItems(window, filter), byType, ratings(window, filter));
                });
        return result[0];
    }

    private long alignmentItems(Window window, Filter filter) {
        Sql sql = Sql.in("i.raised_at", window).eq("r.requester", filter.rep());
        return jdbc.queryForObject("select count(*) from content_alignment_item i join content_request r"
                + " on r.id = i.request_id" + sql.where(), sql.params(), Long.class);
    }

    private Ratings ratings(Window window, Filter filter) {
        Sql sql = Sql.in("g.rated_at", window).eq("g.rater", filter.rep());
        Map<Integer, Long> byUsefulness = new LinkedHashMap<>();
        long[] totals = new long[3];
        jdbc.query("select g.usefulness, count(*) as n, sum(g.deals_used_in) as deals from content_rating g"
                + sql.where() + " group by g.usefulness order by g.usefulness", sql.params(), rs -> {
                    long n = rs.getLong("n");
                    byUsefulness.put(rs.getInt("usefulness"), n);
                    totals[0] += n;
                    totals[1] += n * rs.getInt("usefulness");
                    totals[2] += rs.getLong("deals");
                });
        return new Ratings(totals[0], totals[0] == 0 ? null : Math.round(totals[1] * 100.0 / totals[0]) / 100.0,
                totals[2], byUsefulness);
    }
}
