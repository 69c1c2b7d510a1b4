package dev.handoff.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How sales honour the acceptance SLA, from the SDR clocks started in the window: a clock is answered when
 * the rep accepted or rejected the lead, and answered in time when that happened by its deadline. Clocks that
 * ended by reassignment or take-over are not judged (the next clock is). Speed-to-lead, from the lead's
 * creation to its first contact attempt, is wall-clock time and reported apart from SLA compliance.
 */
@Component
class SlaReport {

    record Clocks(long started, long judged, long answeredInSla, long accepted, long acceptedInSla, long rejected,
            long breached, long reassigned, long takenOver, long open, Double slaCompliance, Double acceptedWithinSla,
            Stats.Durations timeToAcceptBusinessSeconds) {
    }

    record TeamRep(String team, String rep, Clocks clocks, long breaches) {
    }

    record Breaches(long total, Map<String, Long> byKind, Long medianLateSeconds) {
    }

    record Escalations(long raised, long resolved, Map<String, Long> byResolution) {
    }

    record SpeedToLead(long created, long contacted, Long medianSeconds, Long p90Seconds) {
    }

    record Week(LocalDate weekOf, long judged, long answeredInSla, Double slaCompliance) {
    }

    record Sla(Window window, Filter filter, Clocks total, List<TeamRep> byTeamAndRep, Breaches breaches,
            Escalations escalations, SpeedToLead speedToLead, List<Week> weekly, double target, Boolean meetsTarget) {
    }

    private static final String CLOCKS = """
            count(*) as started,
            count(case when a.outcome in ('ACCEPTED', 'REJECTED', 'BREACHED') then 1 end) as judged,
            count(case when a.outcome in ('ACCEPTED', 'REJECTED') and a.ended_at <= a.sla_due_at then 1 end) as answered,
            count(case when a.outcome = 'ACCEPTED' then 1 end) as accepted,
            count(case when a.outcome = 'ACCEPTED' and a.ended_at <= a.sla_due_at then 1 end) as accepted_in_sla,
            count(case when a.outcome = 'REJECTED' then 1 end) as rejected,
            count(case when a.outcome = 'BREACHED' then 1 end) as breached,
            count(case when a.outcome = 'REASSIGNED' then 1 end) as reassigned,
            count(case when a.outcome = 'TAKEN_OVER' then 1 end) as taken_over,
            count(case when a.ended_at is null then 1 end) as still_open,
            """ + Stats.percentiles("case when a.outcome = 'ACCEPTED' then a.business_seconds end", "tta");

    private final NamedParameterJdbcTemplate jdbc;
    private final Targets targets;
    private final SqlTime time;

    SlaReport(NamedParameterJdbcTemplate jdbc, Targets targets, SqlTime time) {
        this.jdbc = jdbc;
        this.targets = targets;
        this.time = time;
    }

    Sla sla(Window window, Filter filter, ZoneId zone) {
        Sql clocks = clocks(window, filter);
        String from = " from lead_assignment a" + (filter.byLead() ? " join lead l on l.id = a.lead_id" : "");
        Map<List<String>, Long> breachesByRep = new LinkedHashMap<>();
        Sql breachWhere = breaches(window, filter);
        String breachFrom = " from sla_breach b" + (filter.byLead() ? " join lead l on l.id = b.lead_id" : "");
        jdbc.query("select b.team, b.rep, count(*) as n" + breachFrom + breachWhere.where() + " group by b.team, b.rep",
                breachWhere.params(), rs -> {
                    breachesByRep.put(key(rs.getString("team"), rs.getString("rep")), rs.getLong("n"));
                });
        List<TeamRep> rows = new ArrayList<>(jdbc.query("select a.team, a.rep, " + CLOCKS + from + clocks.where()
                + " group by a.team, a.rep order by a.team, a.rep nulls last", clocks.params(), (rs, i) -> new TeamRep(
                        rs.getString("team"), rs.getString("rep"), clocks(rs),
                        Objects.requireNonNullElse(breachesByRep.remove(key(rs.getString("team"), rs.getString("rep"))), 0L))));
        // Breaches of clocks started before the window still belong to their team and rep.
        breachesByRep.forEach((k, n) -> rows.add(new TeamRep(k.get(0), k.get(1), null, n)));
        Clocks total = total(rows, window, filter);
        return new Sla(window, filter, total, rows, breachTotals(window, filter), escalations(window, filter),
                speedToLead(window, filter), weekly(window, filter, zone), targets.slaCompliance(),
                Stats.meets(total.answeredInSla(), total.judged(), targets.slaCompliance()));
    }

    /** The rows' counts added up; percentiles cannot be added, so they take one more pass over accepted clocks. */
    private Clocks total(List<TeamRep> rows, Window window, Filter filter) {
        long[] c = new long[10];
        for (TeamRep row : rows) {
            Clocks r = row.clocks();
            if (r != null) {
                long[] values = { r.started(), r.judged(), r.answeredInSla(), r.accepted(), r.acceptedInSla(),
                        r.rejected(), r.breached(), r.reassigned(), r.takenOver(), r.open() };
                for (int i = 0; i < c.length; i++) {
                    c[i] += values[i];
                }
            }
        }
        Sql sql = clocks(window, filter).and("a.outcome = 'ACCEPTED'");
        String from = " from lead_assignment a" + (filter.byLead() ? " join lead l on l.id = a.lead_id" : "");
        Stats.Durations timeToAccept = jdbc.queryForObject("select count(*) as n, "
                + Stats.percentiles("a.business_seconds", "tta") + from + sql.where(), sql.params(),
                (rs, i) -> Stats.Durations.read(rs, "tta", "n"));
        return new Clocks(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], Stats.rate(c[2], c[1]),
                Stats.rate(c[4], c[1]), timeToAccept);
    }

    /** The SDR clocks started in the window, narrowed by the filter. */
    static Sql clocks(Window window, Filter filter) {
        return Sql.in("a.assigned_at", window).and("a.role = 'SDR'").eq("a.team", filter.team())
                .eq("a.rep", filter.rep()).eq("l.source", filter.source()).eq("l.campaign", filter.campaign());
    }

    private static Sql breaches(Window window, Filter filter) {
        return Sql.in("b.breached_at", window).eq("b.team", filter.team()).eq("b.rep", filter.rep())
                .eq("l.source", filter.source()).eq("l.campaign", filter.campaign());
    }

    private Breaches breachTotals(Window window, Filter filter) {
        Sql sql = breaches(window, filter);
        String from = " from sla_breach b" + (filter.byLead() ? " join lead l on l.id = b.lead_id" : "");
        Map<String, Long> byKind = new LinkedHashMap<>();
        jdbc.query("select b.kind, count(*) as n" + from + sql.where() + " group by b.kind order by b.kind",
                sql.params(), rs -> {
                    byKind.put(rs.getString("kind"), rs.getLong("n"));
                });
        Long medianLate = jdbc.queryForObject("select percentile_cont(0.5) within group (order by b.late_seconds) as m"
                + from + sql.where(), sql.params(), (rs, i) -> Stats.roundedLong(rs, "m"));
        return new Breaches(byKind.values().stream().mapToLong(Long::longValue).sum(), byKind, medianLate);
    }

    private Escalations escalations(Window window, Filter filter) {
        Sql sql = Sql.in("e.raised_at", window).eqLeadColumn("l.team", filter.team())
                .eqLeadColumn("l.owner", filter.rep())
                .eq("l.source", filter.source()).eq("l.campaign", filter.campaign());
        boolean join = filter.byLead() || filter.team() != null || filter.rep() != null;
        String from = " from lead_escalation e" + (join ? " join lead l on l.id = e.lead_id" : "");
        Map<String, Long> byResolution = new LinkedHashMap<>();
        long[] raised = new long[2];
        jdbc.query("select e.resolution, count(*) as n, count(e.resolved_at) as resolved" + from + sql.where()
                + " group by e.resolution order by e.resolution", sql.params(), rs -> {
                    raised[0] += rs.getLong("n");
                    raised[1] += rs.getLong("resolved");
                    if (rs.getString("resolution") != null) {
                        byResolution.put(rs.getString("resolution"), rs.getLong("n"));
                    }
                });
        return new Escalations(raised[0], raised[1], byResolution);
    }

    private SpeedToLead speedToLead(Window window, Filter filter) {
        Sql sql = FunnelReport.where(window, filter);
        return jdbc.queryForObject("select count(*) as created, count(l.first_contact_at) as contacted, "
                + Stats.percentiles("case when l.first_contact_at is not null then "
                        + time.seconds("l.created_at", "l.first_contact_at") + " end", "stl")
                + " from lead l" + sql.where(), sql.params(), (rs, i) -> new SpeedToLead(rs.getLong("created"),
                        rs.getLong("contacted"), Stats.roundedLong(rs, "stl_p50"), Stats.roundedLong(rs, "stl_p90")));
    }

    /** SLA compliance per calendar week (Monday to Sunday in the business-hours zone) of the window. */
    private List<Week> weekly(Window window, Filter filter, ZoneId zone) {
        LocalDate firstMonday = window.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        long origin = firstMonday.atStartOfDay(zone).toEpochSecond();
        Sql sql = clocks(window, filter).and("a.outcome in ('ACCEPTED', 'REJECTED', 'BREACHED')");
        String from = " from lead_assignment a" + (filter.byLead() ? " join lead l on l.id = a.lead_id" : "");
        // The origin is a number computed here, written into the SQL so that SELECT and GROUP BY hold the same
        // expression; a derived table instead makes H2 re-run it per group.
        String week = "floor((" + time.epoch("a.assigned_at") + " - " + origin + ") / 604800)";
        Map<Long, long[]> byWeek = new LinkedHashMap<>();
        jdbc.query("select " + week + " as w, count(*) as judged, count(case when a.outcome in ('ACCEPTED',"
                + " 'REJECTED') and a.ended_at <= a.sla_due_at then 1 end) as answered" + from + sql.where()
                + " group by " + week, sql.params(), rs -> {
                    byWeek.put(rs.getLong("w"), new long[] { rs.getLong("judged"), rs.getLong("answered") });
                });
        List<Week> weeks = new ArrayList<>();
        long index = 0;
        for (LocalDate monday = firstMonday; !monday.isAfter(window.to()); monday = monday.plusWeeks(1), index++) {
            long[] counts = byWeek.getOrDefault(index, new long[2]);
            weeks.add(new Week(monday, counts[0], counts[1], Stats.rate(counts[1], counts[0])));
        }
        return weeks;
    }

    private static Clocks clocks(ResultSet rs) throws SQLException {
        long judged = rs.getLong("judged");
        return new Clocks(rs.getLong("started"), judged, rs.getLong("answered"), rs.getLong("accepted"),
                rs.getLong("accepted_in_sla"), rs.getLong("rejected"), rs.getLong("breached"),
                rs.getLong("reassigned"), rs.getLong("taken_over"), rs.getLong("still_open"),
                Stats.rate(rs.getLong("answered"), judged), Stats.rate(rs.getLong("accepted_in_sla"), judged),
                Stats.Durations.read(rs, "tta", "accepted"));
    }

    private static List<String> key(String team, String rep) {
        return java.util.Arrays.asList(team, rep);
    }
}
