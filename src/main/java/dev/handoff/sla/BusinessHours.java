package dev.handoff.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Working time: the SLA clock runs only on working days, between opening and closing time, in one zone. */
public final class BusinessHours {

    private final ZoneId zone;
    private final Set<DayOfWeek> days;
    private final LocalTime open;
    private final LocalTime close;
    private final Set<LocalDate> holidays;

    public BusinessHours(ZoneId zone, Set<DayOfWeek> days, LocalTime open, LocalTime close,
            Collection<LocalDate> holidays) {
        if (days.isEmpty()) {
            throw new IllegalArgumentException("handoff.business-hours.days names no working day");
        }
        if (!open.isBefore(close)) {
            throw new IllegalArgumentException("handoff.business-hours.open (" + open + ") must be before close ("
                    + close + ")");
        }
        this.zone = zone;
        this.days = EnumSet.copyOf(days);
        this.open = open;
        this.close = close;
        this.holidays = new TreeSet<>(holidays);
    }

    /** The instant when {@code workingTime} of working time has passed after {@code start}. */
    public Instant plus(Instant start, Duration workingTime) {
        if (workingTime.isNegative()) {
            throw new IllegalArgumentException("Working time must not be negative: " + workingTime);
        }
        if (workingTime.isZero()) {
            return start;
        }
        Duration remaining = workingTime;
        ZonedDateTime t = start.atZone(zone);
        // Each turn consumes one working day at most; the guard stops a calendar of nothing but holidays.
        for (int guard = 0; guard < 100_000; guard++) {
            LocalDate date = t.toLocalDate();
            ZonedDateTime dayOpen = date.atTime(open).atZone(zone);
            ZonedDateTime dayClose = date.atTime(close).atZone(zone);
            if (!isWorkingDay(date) || !t.isBefore(dayClose)) {
                t = date.plusDays(1).atTime(open).atZone(zone);
                continue;
            }
            if (t.isBefore(dayOpen)) {
                t = dayOpen;
            }
            Duration available = Duration.between(t, dayClose);
            if (remaining.compareTo(available) <= 0) {
                return t.plus(remaining).toInstant();
            }
            remaining = remaining.minus(available);
            t = date.plusDays(1).atTime(open).atZone(zone);
        }
        throw new IllegalStateException("No working time found after " + start);
    }

    /** Working time between two instants; negative when {@code to} is before {@code from}. */
    public Duration between(Instant from, Instant to) {
        if (to.isBefore(from)) {
            return between(to, from).negated();
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate date = from.atZone(zone).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
            if (!isWorkingDay(date)) {
                continue;
            }
            Instant dayOpen = date.atTime(open).atZone(zone).toInstant();
            Instant dayClose = date.atTime(close).atZone(zone).toInstant();
            Instant start = from.isAfter(dayOpen) ? from : dayOpen;
            Instant end = to.isBefore(dayClose) ? to : dayClose;
            if (start.isBefore(end)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }

    /** The length of one working day, so "2 business days" is 2 × this of working time. */
    public Duration workingDay() {
        return Duration.between(open, close);
    }

    public boolean isWorkingDay(LocalDate date) {
        return days.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    public ZoneId zone() {
        return zone;
    }

    /** Reads {@code MON-FRI}, {@code MON,WED,FRI} or mixes like {@code MON-THU,SAT}. */
    static Set<DayOfWeek> parseDays(String spec) {
        Set<DayOfWeek> result = EnumSet.noneOf(DayOfWeek.class);
        for (String part : spec.split(",")) {
            String[] range = part.trim().split("-");
            DayOfWeek first = day(range[0]);
            DayOfWeek last = range.length > 1 ? day(range[1]) : first;
            for (DayOfWeek d = first; ; d = d.plus(1)) {
                result.add(d);
                if (d == last) {
                    break;
                }
            }
        }
        return result;
    }

    private static DayOfWeek day(String abbreviation) {
        String a = abbreviation.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(a) && a.length() >= 2) {
                return d;
            }
        }
        throw new IllegalArgumentException("Not a day of the week: '" + abbreviation + "' (use MON, TUE, ...)");
    }
}
