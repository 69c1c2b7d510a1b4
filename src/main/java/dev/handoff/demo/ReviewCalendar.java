package dev.handoff.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * Which alignment reviews a seeded window had already held, from the calendar of that window alone: a weekly
 * review of each week (Monday to Sunday) on the Monday after it, and a monthly review of each calendar month
 * on the first of the next month, for every period wholly inside the window whose review was held before the
 * window's end. The review held
 * this week's Monday is live work (the demo starts it as a process), so it is not in the past. Pure, so that it
 * can be checked for every day of a year.
 */
final class ReviewCalendar {

    static final LocalTime WEEKLY_AT = LocalTime.of(9, 40);
    static final LocalTime MONTHLY_AT = LocalTime.of(10, 50);

    enum Cadence {
        WEEKLY, MONTHLY
    }

    /** One review: the period it looked at (both days included) and when it was held. */
    record Review(Cadence cadence, LocalDate from, LocalDate to, ZonedDateTime heldAt) {
    }

    private ReviewCalendar() {
    }

    /** The reviews held in {@code [start, end)}, weekly ones first, each cadence in date order. */
    static List<Review> held(Instant start, Instant end, ZoneId zone) {
        LocalDate first = start.atZone(zone).toLocalDate();
        // A period counts only when the window holds all of it: from the first midnight in the window on.
        LocalDate whole = start.equals(first.atStartOfDay(zone).toInstant()) ? first : first.plusDays(1);
        LocalDate thisMonday = end.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<Review> reviews = new ArrayList<>();
        for (LocalDate monday = whole.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
                monday.plusWeeks(1).isBefore(thisMonday); monday = monday.plusWeeks(1)) {
            reviews.add(new Review(Cadence.WEEKLY, monday, monday.plusDays(6),
                    monday.plusWeeks(1).atTime(WEEKLY_AT).atZone(zone)));
        }
        LocalDate month = whole.getDayOfMonth() == 1 ? whole : whole.withDayOfMonth(1).plusMonths(1);
        for (; month.plusMonths(1).atTime(MONTHLY_AT).atZone(zone).toInstant().isBefore(end);
                month = month.plusMonths(1)) {
            reviews.add(new Review(Cadence.MONTHLY, month, month.plusMonths(1).minusDays(1),
                    month.plusMonths(1).atTime(MONTHLY_AT).atZone(zone)));
        }
        return reviews;
    }
}
