package dev.handoff.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.stream.DoubleStream;

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

    /** The judged clocks of the leads judged and routed under one agreement (null: none recorded). */
    record AgreementRow(Integer agreement, long judged, long answeredInSla, Double slaCompliance) {
    }

    record Sla(Window window, Filter filter, Clocks total, List<TeamRep> byTeamAndRep, List<AgreementRow> byAgreement,
            Breaches breaches, Escalations escalations, SpeedToLead speedToLead, List<Week> weekly, double target,
            Boolean meetsTarget) {
    }

    /**
     * Runs the parts of the report that read other tables than the clocks, speed-to-lead and escalations, each on a
     * connection of its own while the calling thread reads the clocks and breaches. At most four daemon threads,
     * so that many reports at once queue here instead of taking every connection of the pool.
     */
    private static final Executor MEANWHILE = Executors.newFixedThreadPool(4, task -> {
        Thread thread = new Thread(task, "sla-report");
        thread.setDaemon(true);
        return thread;
    });

    private final NamedParameterJdbcTemplate jdbc;
    private final Targets targets;
    private final SqlTime time;

    SlaReport(NamedParameterJdbcTemplate jdbc, Targets targets, SqlTime time) {
        this.jdbc = jdbc;
        this.targets = targets;
        this.time = time;
    }

    Sla sla(Window window, Filter filter, ZoneId zone) {
        CompletableFuture<SpeedToLead> speedToLead = CompletableFuture.supplyAsync(() -> speedToLead(window, filter),
                MEANWHILE);
        CompletableFuture<Escalations> escalations = CompletableFuture.supplyAsync(() -> escalations(window, filter),
                MEANWHILE);
        ClockPass clocks = clockPass(window, filter, zone);
        Map<List<String>, Long> breachesByRep = new TreeMap<>(NULLS_LAST);
        Map<String, Long> breachesByKind = new TreeMap<>();
        Sql breachWhere = breaches(window, filter);
        String breachFrom = " from sla_breach b" + (filter.byLead() ? " join lead l on l.id = b.lead_id" : "");
        jdbc.query("select b.team, b.rep, b.kind, count(*) as n" + breachFrom + breachWhere.where()
                + " group by b.team, b.rep, b.kind", breachWhere.params(), rs -> {
                    breachesByRep.merge(key(rs.getString("team"), rs.getString("rep")), rs.getLong("n"), Long::sum);
                    breachesByKind.merge(rs.getString("kind"), rs.getLong("n"), Long::sum);
                });
        List<TeamRep> rows = new ArrayList<>();
        clocks.byTeamAndRep().forEach((k, tally) -> rows.add(new TeamRep(k.get(0), k.get(1), tally.clocks(),
                Objects.requireNonNullElse(breachesByRep.remove(k), 0L))));
        // Breaches of clocks started before the window still belong to their team and rep.
        breachesByRep.forEach((k, n) -> rows.add(new TeamRep(k.get(0), k.get(1), null, n)));
        Clocks total = clocks.total().clocks();
        Long medianLate = jdbc.queryForObject("select percentile_cont(0.5) within group (order by b.late_seconds) as m"
                + breachFrom + breachWhere.where(), breachWhere.params(), (rs, i) -> Stats.roundedLong(rs, "m"));
        Breaches breaches = new Breaches(breachesByKind.values().stream().mapToLong(Long::longValue).sum(),
                breachesByKind, medianLate);
        return new Sla(window, filter, total, rows, byAgreement(window, filter), breaches, await(escalations),
                await(speedToLead),
                clocks.weekly(), targets.slaCompliance(),
                Stats.meets(total.answeredInSla(), total.judged(), targets.slaCompliance()));
    }

    /**
     * The window's SDR clocks by the agreement their lead was judged and routed under, judged and answered in time
     * as {@link Tally} counts them; the rows add up to the total.
     */
    private List<AgreementRow> byAgreement(Window window, Filter filter) {
        Sql sql = clocks(window, filter);
        return jdbc.query("select l.agreement_number as n,"
                + " count(case when a.outcome in ('ACCEPTED', 'REJECTED', 'BREACHED') then 1 end) as judged,"
                + " count(case when a.outcome in ('ACCEPTED', 'REJECTED') and a.ended_at <= a.sla_due_at then 1 end)"
                + " as answered from lead_assignment a join lead l on l.id = a.lead_id" + sql.where()
                + " group by l.agreement_number order by l.agreement_number nulls last", sql.params(), (rs, i) -> {
                    long judged = rs.getLong("judged");
                    long answered = rs.getLong("answered");
                    return new AgreementRow((Integer) rs.getObject("n", Integer.class), judged, answered,
                            Stats.rate(answered, judged));
                });
    }

    /** The result of a part run {@link #MEANWHILE}, failing as it failed. */
    private static <T> T await(CompletableFuture<T> part) {
        try {
            return part.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The figures of all SDR clocks of the window together, without the rest of the report. */
    Clocks total(Window window, Filter filter, ZoneId zone) {
        return clockPass(window, filter, zone).total().clocks();
    }

    /** The SDR clocks started in the window, narrowed by the filter. */
    static Sql clocks(Window window, Filter filter) {
        return Sql.in("a.assigned_at", window).and("a.role = 'SDR'").eq("a.team", filter.team())
                .eq("a.rep", filter.rep()).eq("l.source", filter.source()).eq("l.campaign", filter.campaign());
    }

    private record ClockPass(Map<List<String>, Tally> byTeamAndRep, Tally total, List<Week> weekly) {
    }

    /**
     * Reads the window's SDR clocks once and adds them up per team and rep, in total and per calendar week (Monday
     * to Sunday in the business-hours zone). Percentiles cannot be added up, and in SQL each one costs a sort of
     * its own (H2 sorts again for every percentile, grouping and the total), so the accept times are sorted here,
     * once per group, and their percentiles computed exactly as percentile_cont does.
     */
    private ClockPass clockPass(Window window, Filter filter, ZoneId zone) {
        Sql sql = clocks(window, filter);
        String from = " from lead_assignment a" + (filter.byLead() ? " join lead l on l.id = a.lead_id" : "");
        LocalDate firstMonday = window.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        long origin = firstMonday.atStartOfDay(zone).toEpochSecond();
        Map<List<String>, Tally> byTeamAndRep = new TreeMap<>(NULLS_LAST);
        Tally total = new Tally();
        Map<Long, long[]> byWeek = new HashMap<>();
        jdbc.query("select a.team, a.rep, a.outcome, a.assigned_at, a.ended_at <= a.sla_due_at as in_time,"
                + " a.ended_at is null as still_open, a.business_seconds" + from + sql.where(), sql.params(), rs -> {
                    String outcome = rs.getString("outcome");
                    boolean inTime = rs.getBoolean("in_time");
                    boolean open = rs.getBoolean("still_open");
                    long seconds = rs.getLong("business_seconds");
                    Long businessSeconds = rs.wasNull() ? null : seconds;
                    byTeamAndRep.computeIfAbsent(key(rs.getString("team"), rs.getString("rep")), k -> new Tally())
                            .add(outcome, inTime, open, businessSeconds);
                    total.add(outcome, inTime, open, businessSeconds);
                    if (Tally.judged(outcome)) {
                        long week = Math.floorDiv(rs.getTimestamp("assigned_at").toInstant().getEpochSecond() - origin,
                                WEEK_SECONDS);
                        long[] counts = byWeek.computeIfAbsent(week, w -> new long[2]);
                        counts[0]++;
                        counts[1] += Tally.answered(outcome, inTime) ? 1 : 0;
                    }
                });
        List<Week> weeks = new ArrayList<>();
        long index = 0;
        for (LocalDate monday = firstMonday; !monday.isAfter(window.to()); monday = monday.plusWeeks(1), index++) {
            long[] counts = byWeek.getOrDefault(index, new long[2]);
            weeks.add(new Week(monday, counts[0], counts[1], Stats.rate(counts[1], counts[0])));
        }
        return new ClockPass(byTeamAndRep, total, weeks);
    }

    private static final long WEEK_SECONDS = 7 * 24 * 3600;

    /**
     * The figures of a set of clocks, added up clock by clock. A clock is judged when the rep accepted or rejected
     * the lead or let it breach, and answered in time when accepted or rejected by its deadline.
     */
    private static final class Tally {
        private long started, judged, answered, accepted, acceptedInSla, rejected, breached, reassigned, takenOver,
                open;
        private final DoubleStream.Builder acceptSeconds = DoubleStream.builder();

        static boolean judged(String outcome) {
            return "ACCEPTED".equals(outcome) || "REJECTED".equals(outcome) || "BREACHED".equals(outcome);
        }

        static boolean answered(String outcome, boolean inTime) {
            return inTime && ("ACCEPTED".equals(outcome) || "REJECTED".equals(outcome));
        }

        void add(String outcome, boolean inTime, boolean stillOpen, Long businessSeconds) {
            started++;
            judged += judged(outcome) ? 1 : 0;
            answered += answered(outcome, inTime) ? 1 : 0;
            open += stillOpen ? 1 : 0;
            switch (outcome == null ? "" : outcome) {
                case "ACCEPTED" -> {
                    accepted++;
                    acceptedInSla += inTime ? 1 : 0;
                    if (businessSeconds != null) {
                        acceptSeconds.add(businessSeconds);
                    }
                }
                case "REJECTED" -> rejected++;
                case "BREACHED" -> breached++;
                case "REASSIGNED" -> reassigned++;
                case "TAKEN_OVER" -> takenOver++;
                default -> {
                }
            }
        }

        Clocks clocks() {
            return new Clocks(started, judged, answered, accepted, acceptedInSla, rejected, breached, reassigned,
                    takenOver, open, Stats.rate(answered, judged), Stats.rate(acceptedInSla, judged),
                    Stats.Durations.of(accepted, acceptSeconds.build().toArray()));
        }
    }

    private static Sql breaches(Window window, Filter filter) {
        return Sql.in("b.breached_at", window).eq("b.team", filter.team()).eq("b.rep", filter.rep())
                .eq("l.source", filter.source()).eq("l.campaign", filter.campaign());
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

    /**
     * How long the period's leads waited for their first contact: one pass over them, the percentiles of the
     * contacted ones computed here for the reason given at {@link #clockPass}.
     */
    private SpeedToLead speedToLead(Window window, Filter filter) {
        Sql sql = FunnelReport.where(window, filter);
        long[] created = new long[1];
        DoubleStream.Builder seconds = DoubleStream.builder();
        jdbc.query("select " + time.seconds("l.created_at", "l.first_contact_at") + " as s from lead l" + sql.where(),
                sql.params(), rs -> {
                    created[0]++;
                    double s = rs.getDouble("s");
                    if (!rs.wasNull()) {
                        seconds.add(s);
                    }
                });
        double[] contacted = seconds.build().toArray();
        Stats.Durations d = Stats.Durations.of(contacted.length, contacted);
        return new SpeedToLead(created[0], d.count(), d.medianSeconds(), d.p90Seconds());
    }

    /** Orders rows by team and rep, the queue (no rep) last, as the report has always listed them. */
    private static final Comparator<List<String>> NULLS_LAST = Comparator
            .<List<String>, String>comparing(k -> k.get(0), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(k -> k.get(1), Comparator.nullsLast(Comparator.naturalOrder()));

    private static List<String> key(String team, String rep) {
        return java.util.Arrays.asList(team, rep);
    }
}
