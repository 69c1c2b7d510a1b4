package dev.handoff.sla;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the SLA clock runs, e.g. {@code handoff.business-hours.days=MON-FRI}, {@code open=09:00},
 * {@code close=18:00}, {@code zone=Europe/Berlin}, {@code holidays=2026-12-25,2026-12-26}.
 */
@ConfigurationProperties("handoff.business-hours")
public record BusinessHoursProperties(
        @DefaultValue("UTC") ZoneId zone,
        @DefaultValue("MON-FRI") String days,
        @DefaultValue("09:00") LocalTime open,
        @DefaultValue("18:00") LocalTime close,
        @DefaultValue List<LocalDate> holidays) {

    public BusinessHours toBusinessHours() {
        return new BusinessHours(zone, BusinessHours.parseDays(days), open, close, holidays);
    }
}
