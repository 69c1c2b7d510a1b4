package dev.handoff.content;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/** The engine's clock, which process tests move; timestamps are stored in UTC. */
final class EngineClock {

    static OffsetDateTime now() {
        return OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC);
    }

    static LocalDate today(ZoneId zone) {
        return ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
    }

    private EngineClock() {
    }
}
