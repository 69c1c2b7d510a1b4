package dev.handoff.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/** Handoff's "now" is the engine's clock, so that tests and the demo quarter can move both together. */
public final class EngineClock extends Clock {

    private static final EngineClock UTC = new EngineClock(ZoneOffset.UTC);
    private final ZoneId zone;

    private EngineClock(ZoneId zone) {
        this.zone = zone;
    }

    public static OffsetDateTime now() {
        return ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC);
    }

    /** The same clock as a {@link Clock}, for what takes one (Bean Validation's {@code @PastOrPresent}). */
    public static Clock clock() {
        return UTC;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new EngineClock(zone);
    }

    @Override
    public Instant instant() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
