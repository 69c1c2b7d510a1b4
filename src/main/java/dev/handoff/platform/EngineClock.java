package dev.handoff.platform;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/** Handoff's "now" is the engine's clock, so that tests and the demo quarter can move both together. */
public final class EngineClock {

    public static OffsetDateTime now() {
        return ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC);
    }

    private EngineClock() {
    }
}
