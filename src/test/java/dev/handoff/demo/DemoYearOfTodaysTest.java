package dev.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.handoff.report.Targets;
import dev.handoff.sla.BusinessHours;

/**
 * The demo quarter for every "today" of a whole year, December 2027 to December 2028: a leap day, quarter and
 * month starts, every Monday and both of Berlin's DST changes among them. The generator and the reviews it
 * seeds take today as input; each expectation comes from the calendar of that window, never from the day the
 * test runs. Handoff's tables only (Flyway on an in-memory H2), no engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoYearOfTodaysTest {

    private static final Duration QUARTER = DemoQuarter.PERIOD;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final List<LocalTime> TIMES = List.of(LocalTime.of(0, 30), LocalTime.of(9, 0),
            LocalTime.of(10, 55), LocalTime.of(23, 30));
    private static final Targets TARGETS = new Targets(0.9, 0.9, 0.25, 0.5);
    private static final List<String> TABLES = List.of("contact_attempt", "lead_escalation", "lead_rejection",
            "sla_breach", "lead_assignment", "alignment_review", "lead");

    private JdbcTemplate jdbc;
    private final BusinessHours hours = new BusinessHours(BERLIN,
            Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0), LocalTime.of(18, 0), List.of(LocalDate.of(2028, 5, 1), LocalDate.of(2028, 12, 25)));

    static Stream<LocalDate> todays() {
        LocalDate first = LocalDate.of(2027, 12, 1);
        return first.datesUntil(first.plusYears(1).plusDays(1));
    }

    @BeforeAll
    void schema() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:demo-year;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    @Test
    void theYearHoldsTheDaysThatBreakCalendars() {
        List<LocalDate> days = todays().toList();
        assertThat(days).contains(LocalDate.of(2028, 2, 29), LocalDate.of(2028, 1, 1), LocalDate.of(2028, 4, 1),
                LocalDate.of(2028, 7, 1), LocalDate.of(2028, 10, 1), LocalDate.of(2028, 12, 1),
                // Berlin's DST changes in 2028 and the Mondays after them
                LocalDate.of(2028, 3, 26), LocalDate.of(2028, 3, 27), LocalDate.of(2028, 10, 29),
                LocalDate.of(2028, 10, 30));
        assertThat(days.stream().filter(d -> d.getDayOfWeek() == DayOfWeek.MONDAY)).hasSize(52);
    }

    /** Every whole week and month of the window whose review day has passed, and nothing else. */
    @ParameterizedTest
    @MethodSource("todays")
    void reviewsAreThoseTheWindowsCalendarHeld(LocalDate today) {
        for (ZoneId zone : List.of(BERLIN, ZoneId.of("America/New_York"), ZoneId.of("UTC"))) {
            for (LocalTime time : TIMES) {
                Instant end = today.atTime(time).atZone(zone).toInstant();
                Instant start = end.minus(QUARTER);
                List<ReviewCalendar.Review> held = ReviewCalendar.held(start, end, zone);
                String window = start + " to " + end + " in " + zone;
                assertThat(held).as(window).isEqualTo(expected(start, end, zone));
                long weeks = held.stream().filter(r -> r.cadence() == ReviewCalendar.Cadence.WEEKLY).count();
                long months = held.size() - weeks;
                // 90 days are 12 6/7 weeks: less the part-week at the start and the two live weeks at the end.
                assertThat(weeks).as(window).isBetween(10L, 12L);
                assertThat(months).as(window).isBetween(1L, 3L);
            }
        }
    }

    /** The generator writes a past that ends today, and the reviews it seeds decided what their figures said. */
    @ParameterizedTest
    @MethodSource("todays")
    void theSeededQuarterEndsTodayAndItsReviewsFollowTheFigures(LocalDate today) {
        TABLES.forEach(table -> jdbc.update("delete from " + table));
        Instant end = today.atTime(TIMES.get(today.getDayOfYear() % TIMES.size())).atZone(BERLIN).toInstant();
        Instant start = end.minus(QUARTER);
        List<Trail> trails = new ArrayList<>();
        new HistoryGenerator(jdbc, hours).recordingTrails(trails::add).generate(start, end, 60, today.toEpochDay());
        int reviews = new ReviewHistory(jdbc, BERLIN, TARGETS).generate(start, end);

        for (Trail trail : trails) {
            assertThat(trail.createdAt()).as(trail.leadId()).isBetween(start, end);
            Instant previous = trail.createdAt();
            for (Trail.Step step : trail.steps()) {
                assertThat(step.start()).as("%s %s", trail.leadId(), step.activityId()).isAfterOrEqualTo(previous)
                        .isBeforeOrEqualTo(end);
                if (step.end() != null) {
                    assertThat(step.end()).as("%s %s", trail.leadId(), step.activityId())
                            .isAfterOrEqualTo(step.start()).isBeforeOrEqualTo(end);
                }
                previous = step.start();
            }
            if (trail.waiting() != null) {
                assertThat(trail.waiting().start()).isAfterOrEqualTo(previous).isBeforeOrEqualTo(end);
                assertThat(trail.waiting().end()).isNull();
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from lead where created_at < ? or created_at > ?"
                + " or updated_at > ? or stage_changed_at > ?", Long.class, at(start), at(end), at(end), at(end)))
                .isZero();
        // SLA deadlines lie in business hours, after the clock started; no clock ended after today.
        for (Map<String, Object> clock : jdbc.queryForList("select assigned_at, sla_due_at, ended_at from"
                + " lead_assignment")) {
            Instant assigned = instant(clock.get("assigned_at"));
            Instant due = instant(clock.get("sla_due_at"));
            assertThat(due).isAfter(assigned);
            assertThat(hours.plus(due, Duration.ZERO)).as("deadline %s in business hours", due).isEqualTo(due);
            if (clock.get("ended_at") != null) {
                assertThat(instant(clock.get("ended_at"))).isBetween(assigned, end);
            }
        }
        // The reviews are the calendar's, each deciding what its week's or month's figures called for.
        List<Map<String, Object>> rows = jdbc.queryForList("select cadence, period_from, period_to, follow_up,"
                + " reviewed_at from alignment_review order by cadence desc, period_from");
        List<ReviewCalendar.Review> held = ReviewCalendar.held(start, end, BERLIN);
        assertThat(rows).hasSize(reviews).hasSize(held.size());
        for (int i = 0; i < held.size(); i++) {
            ReviewCalendar.Review review = held.get(i);
            Map<String, Object> row = rows.get(i);
            assertThat(row.get("cadence")).isEqualTo(review.cadence().name().toLowerCase());
            assertThat(((java.sql.Date) row.get("period_from")).toLocalDate()).isEqualTo(review.from());
            assertThat(((java.sql.Date) row.get("period_to")).toLocalDate()).isEqualTo(review.to());
            assertThat(instant(row.get("reviewed_at"))).isEqualTo(review.heldAt().toInstant()).isBefore(end);
            assertThat(row.get("follow_up")).as("%s", row).isEqualTo(expectedFollowUp(review));
        }
    }

    /** The calendar worked out day by day, the long way round. */
    private static List<ReviewCalendar.Review> expected(Instant start, Instant end, ZoneId zone) {
        List<ReviewCalendar.Review> weekly = new ArrayList<>();
        List<ReviewCalendar.Review> monthly = new ArrayList<>();
        LocalDate lastDay = end.atZone(zone).toLocalDate();
        LocalDate liveMonday = lastDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        for (LocalDate day = start.atZone(zone).toLocalDate(); !day.isAfter(lastDay); day = day.plusDays(1)) {
            boolean inWindow = !day.atStartOfDay(zone).toInstant().isBefore(start);
            if (inWindow && day.getDayOfWeek() == DayOfWeek.MONDAY && day.plusDays(7).isBefore(liveMonday)) {
                weekly.add(new ReviewCalendar.Review(ReviewCalendar.Cadence.WEEKLY, day, day.plusDays(6),
                        day.plusDays(7).atTime(9, 40).atZone(zone)));
            }
            LocalDate nextMonth = day.plusMonths(1);
            if (inWindow && day.getDayOfMonth() == 1
                    && nextMonth.atTime(10, 50).atZone(zone).toInstant().isBefore(end)) {
                monthly.add(new ReviewCalendar.Review(ReviewCalendar.Cadence.MONTHLY, day, nextMonth.minusDays(1),
                        nextMonth.atTime(10, 50).atZone(zone)));
            }
        }
        weekly.addAll(monthly);
        return weekly;
    }

    private String expectedFollowUp(ReviewCalendar.Review review) {
        OffsetDateTime from = review.from().atStartOfDay(BERLIN).toOffsetDateTime();
        OffsetDateTime to = review.to().plusDays(1).atStartOfDay(BERLIN).toOffsetDateTime();
        if (review.cadence() == ReviewCalendar.Cadence.WEEKLY) {
            long judged = jdbc.queryForObject("select count(*) from lead_assignment where role = 'SDR' and outcome"
                    + " in ('ACCEPTED', 'REJECTED', 'BREACHED') and assigned_at >= ? and assigned_at < ?", Long.class,
                    from, to);
            long answered = jdbc.queryForObject("select count(*) from lead_assignment where role = 'SDR' and outcome"
                    + " in ('ACCEPTED', 'REJECTED') and ended_at <= sla_due_at and assigned_at >= ? and assigned_at < ?",
                    Long.class, from, to);
            return judged > 0 && answered < TARGETS.slaCompliance() * judged ? "restore-sla" : "none";
        }
        long rejected = jdbc.queryForObject("select count(*) from lead_rejection where rejected_at >= ? and"
                + " rejected_at < ?", Long.class, from, to);
        long below = jdbc.queryForObject("select count(*) from lead_rejection where reason = 'below_definition' and"
                + " rejected_at >= ? and rejected_at < ?", Long.class, from, to);
        return rejected > 0 && below > TARGETS.definitionalShareMax() * rejected ? "revise-mql-definition" : "none";
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(java.time.ZoneOffset.UTC);
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
