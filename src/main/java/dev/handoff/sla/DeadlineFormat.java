package dev.handoff.sla;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How a person reads a deadline: in the business-hours zone, with the zone named, e.g.
 * {@code Tue 1 Dec 2026, 10:00 (Europe/Berlin)}; a day alone reads {@code Mon 14 Dec 2026}. Forms, notifications
 * and timeline texts use it; APIs keep ISO-8601 with offset.
 */
@Component
public class DeadlineFormat {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final ZoneId zone;

    @Autowired
    public DeadlineFormat(BusinessHoursProperties properties) {
        this(properties.zone());
    }

    public DeadlineFormat(ZoneId zone) {
        this.zone = zone;
    }

    /** The moment in the business-hours zone, e.g. {@code Tue 1 Dec 2026, 10:00 (Europe/Berlin)}; null stays null. */
    public String moment(Instant instant) {
        if (instant == null) {
            return null;
        }
        var local = instant.atZone(zone);
        return DAY.format(local) + ", " + TIME.format(local) + " (" + zone.getId() + ")";
    }

    public String moment(Date date) {
        return date == null ? null : moment(date.toInstant());
    }

    public String moment(OffsetDateTime time) {
        return time == null ? null : moment(time.toInstant());
    }

    /** A calendar day of the business-hours zone, e.g. {@code Mon 14 Dec 2026}; null stays null. */
    public String day(LocalDate date) {
        return date == null ? null : DAY.format(date);
    }

    public ZoneId zone() {
        return zone;
    }
}
