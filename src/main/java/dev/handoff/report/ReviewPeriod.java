package dev.handoff.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** The period a review looks back on: the last whole week, month or quarter before the review's day. */
enum ReviewPeriod {
    WEEKLY, MONTHLY, QUARTERLY;

    static ReviewPeriod of(String cadence) {
        return valueOf(cadence.toUpperCase(java.util.Locale.ROOT));
    }

    LocalDate from(LocalDate today) {
        return switch (this) {
            case WEEKLY -> today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
            case MONTHLY -> today.withDayOfMonth(1).minusMonths(1);
            case QUARTERLY -> quarterStart(today).minusMonths(3);
        };
    }

    LocalDate to(LocalDate today) {
        return switch (this) {
            case WEEKLY -> from(today).plusDays(6);
            case MONTHLY -> today.withDayOfMonth(1).minusDays(1);
            case QUARTERLY -> quarterStart(today).minusDays(1);
        };
    }

    /** For quarterly reviews: the quarter looked back on, e.g. {@code 2026-Q3}. */
    String quarter(LocalDate today) {
        LocalDate from = from(today);
        return from.getYear() + "-Q" + ((from.getMonthValue() - 1) / 3 + 1);
    }

    private static LocalDate quarterStart(LocalDate day) {
        return LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1, 1);
    }
}
