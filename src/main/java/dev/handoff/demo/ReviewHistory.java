package dev.handoff.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.handoff.report.Targets;

/**
 * The weekly and monthly alignment reviews of the seeded quarter, with the decisions the seeded figures call
 * for against the configured targets: a week under the SLA compliance target asks sales to restore the SLA, a
 * month whose "below definition" share of rejections is above its maximum asks marketing ops to revise the MQL
 * definition. Written after the leads, from them.
 */
final class ReviewHistory {

    private final JdbcTemplate jdbc;
    private final ZoneId zone;
    private final Targets targets;

    ReviewHistory(JdbcTemplate jdbc, ZoneId zone, Targets targets) {
        this.jdbc = jdbc;
        this.zone = zone;
        this.targets = targets;
    }

    /** @return how many reviews were written: those {@link ReviewCalendar} says the window had held */
    int generate(Instant start, Instant end) {
        List<ReviewCalendar.Review> held = ReviewCalendar.held(start, end, zone);
        for (ReviewCalendar.Review review : held) {
            OffsetDateTime at = review.heldAt().toOffsetDateTime();
            switch (review.cadence()) {
                case WEEKLY -> weekly(review.from(), review.to(), at);
                case MONTHLY -> monthly(review.from(), review.to(), at);
            }
        }
        return held.size();
    }

    private void weekly(LocalDate from, LocalDate to, OffsetDateTime reviewed) {
        long[] clocks = jdbc.queryForObject("select count(*) as judged, count(case when outcome in ('ACCEPTED',"
                + " 'REJECTED') and ended_at <= sla_due_at then 1 end) as answered from lead_assignment where role"
                + " = 'SDR' and outcome in ('ACCEPTED', 'REJECTED', 'BREACHED') and assigned_at >= ?"
                + " and assigned_at < ?", (rs, i) -> new long[] { rs.getLong("judged"), rs.getLong("answered") },
                start(from), start(to.plusDays(1)));
        boolean behind = clocks[0] > 0 && clocks[1] < targets.slaCompliance() * clocks[0];
        String compliance = clocks[0] == 0 ? "no clocks" : String.format(Locale.ROOT, "%.1f %% of %d clocks in time",
                clocks[1] * 100.0 / clocks[0], clocks[0]);
        insert("weekly", from, to, behind ? "restore-sla" : "none", behind
                ? "SLA compliance " + compliance + ": sales name a backup for the queue when a rep is out"
                : "Pipeline on track, " + compliance, reviewed, from.getDayOfYear() % 2 == 0 ? "sally" : "mark");
    }

    private void monthly(LocalDate from, LocalDate to, OffsetDateTime reviewed) {
        long[] rejections = jdbc.queryForObject("select count(*) as n, count(case when reason = 'below_definition'"
                + " then 1 end) as below from lead_rejection where rejected_at >= ? and rejected_at < ?",
                (rs, i) -> new long[] { rs.getLong("n"), rs.getLong("below") }, start(from), start(to.plusDays(1)));
        boolean definitional = rejections[0] > 0 && rejections[1] > targets.definitionalShareMax() * rejections[0];
        insert("monthly", from, to, definitional ? "revise-mql-definition" : "none", definitional
                ? rejections[1] + " of " + rejections[0] + " rejections say below definition: marketing ops raises"
                        + " the engagement threshold; content to add a CFO pricing one-pager"
                : rejections[0] + " rejections, mostly routing and data; objections: price and competitor",
                reviewed, "mark");
    }

    private void insert(String cadence, LocalDate from, LocalDate to, String followUp, String notes,
            OffsetDateTime reviewed, String by) {
        jdbc.update("insert into alignment_review (process_instance_id, cadence, period_from, period_to, follow_up,"
                + " notes, reviewed_by, reviewed_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                "demo-review-" + UUID.randomUUID(),
                cadence, from, to, followUp, notes, by, reviewed);
    }

    private OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(zone).toOffsetDateTime();
    }
}
