package dev.handoff.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The period a report covers: whole days from {@code from} to {@code to}, both included, in the business-hours
 * zone, so a quarter means the same days to the people reading it wherever the server runs.
 */
public record Window(LocalDate from, LocalDate to, Instant start, Instant end) {

    static Window of(LocalDate from, LocalDate to, ZoneId zone) {
        return new Window(from, to, from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant());
    }

    OffsetDateTime startParam() {
        return start.atOffset(ZoneOffset.UTC);
    }

    OffsetDateTime endParam() {
        return end.atOffset(ZoneOffset.UTC);
    }
}
