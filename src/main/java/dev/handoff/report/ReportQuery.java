package dev.handoff.report;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;

import io.swagger.v3.oas.annotations.Parameter;

/** The query parameters every report shares: the period and the optional filters. */
record ReportQuery(
        @Parameter(description = ReportQuery.FROM) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @Parameter(description = ReportQuery.TO) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
        @Parameter(description = "Only this sales team (group), e.g. sdr") String team,
        @Parameter(description = "Only this rep (user id)") String rep,
        @Parameter(description = "Only leads of this source: inbound, outbound, event, partner, referral")
        String source,
        @Parameter(description = "Only leads of this campaign") String campaign) {

    static final String FROM = "First day of the period (ISO date, business-hours zone); default 89 days before `to`";
    static final String TO = "Last day of the period, included (ISO date); default today";
}
