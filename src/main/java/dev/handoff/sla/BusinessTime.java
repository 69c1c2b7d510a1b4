package dev.handoff.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Business hours for the models: BPMN expressions call {@code ${businessTime.after('PT8H')}} for a due date
 * or a timer's {@code timeDate}, so process owners read the SLA in the diagram. "Now" is the engine's clock,
 * which tests move.
 */
@Component("businessTime")
public class BusinessTime {

    private final BusinessHours hours;

    public BusinessTime(BusinessHoursProperties properties) {
        this.hours = properties.toBusinessHours();
    }

    /** The engine's now plus an ISO-8601 working duration such as {@code PT4H}; for whole days see {@link #days}. */
    public Date after(String isoDuration) {
        return Date.from(hours.plus(now(), Duration.parse(isoDuration)));
    }

    /** {@code start} plus an ISO-8601 working duration. */
    public Date plus(Date start, String isoDuration) {
        return Date.from(hours.plus(start.toInstant(), Duration.parse(isoDuration)));
    }

    /** The engine's now plus a number of business days, i.e. that many full working days. */
    public Date days(int businessDays) {
        return Date.from(hours.plus(now(), hours.workingDay().multipliedBy(businessDays)));
    }

    /** Part of the way from {@code start} to {@code due} in working time, e.g. 0.5 for a half-way reminder. */
    public Date fraction(Date start, Date due, double fraction) {
        Duration total = hours.between(start.toInstant(), due.toInstant());
        return Date.from(hours.plus(start.toInstant(), Duration.ofSeconds(Math.round(total.toSeconds() * fraction))));
    }

    public Duration between(Instant from, Instant to) {
        return hours.between(from, to);
    }

    public BusinessHours hours() {
        return hours;
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
