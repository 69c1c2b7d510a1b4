package dev.handoff.report;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;

/** The query parameters every report shares: the period and the optional filters. */
record ReportQuery(
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
        String team, String rep, String source, String campaign) {
}
