package dev.handoff.platform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Moves Handoff's clock, which is the engine's, to another day: {@code handoff.clock.today=2028-02-29} makes
 * that day "today" in the business-hours zone, at the current time of day, and time keeps running from there.
 * The engine (timers, due dates, Tasklist filters), the SLA ledger, the reports and the demo quarter all read
 * that clock. For trying a quarter's end or a leap day, and for running the tests on a chosen date; never for
 * production, where it is not set.
 */
public class ClockShift implements EnvironmentPostProcessor {

    public static final String PROPERTY = "handoff.clock.today";
    private static final Logger log = LoggerFactory.getLogger(ClockShift.class);

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String today = environment.getProperty(PROPERTY);
        if (today == null || today.isBlank()) {
            return;
        }
        apply(today, ZoneId.of(environment.getProperty("handoff.business-hours.zone", "UTC")));
    }

    /** Moves the engine's clock so that {@code today} (an ISO date) is today in {@code zone}. */
    public static void apply(String today, ZoneId zone) {
        long offset;
        try {
            offset = offsetTo(LocalDate.parse(today.strip()), zone, Instant.now());
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(PROPERTY + " must be a date such as 2028-02-29, not '" + today + "'", e);
        }
        ClockUtil.offset(offset);
        log.warn("Handoff's clock is moved to {} ({}): now is {}", today.strip(), zone,
                ClockUtil.getCurrentTime().toInstant());
    }

    /** Milliseconds to add to {@code now} so that it falls on {@code today} in {@code zone}, same time of day. */
    public static long offsetTo(LocalDate today, ZoneId zone, Instant now) {
        ZonedDateTime here = now.atZone(zone);
        ZonedDateTime there = today.atTime(here.toLocalTime()).atZone(zone);
        return there.toInstant().toEpochMilli() - now.toEpochMilli();
    }
}
