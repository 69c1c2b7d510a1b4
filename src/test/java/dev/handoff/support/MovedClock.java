package dev.handoff.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.handoff.platform.ClockShift;

/**
 * With {@code -Dhandoff.clock.today=2028-02-29}, every test starts on that day: process tests that set and
 * reset the engine's clock would otherwise leave the tests after them on the real date. Registered for all
 * tests (META-INF/services, junit-platform.properties); a test that sets its own clock still does so after
 * this. The zone is that of application.yaml's business hours unless the same property is given.
 */
public class MovedClock implements BeforeAllCallback, BeforeEachCallback {

    /** Before a class's {@code @BeforeAll}, which may seed data for the day. */
    @Override
    public void beforeAll(ExtensionContext context) {
        beforeEach(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        String today = System.getProperty(ClockShift.PROPERTY);
        if (today != null && !today.isBlank()) {
            ZoneId zone = ZoneId.of(System.getProperty("handoff.business-hours.zone", "Europe/Berlin"));
            ClockUtil.offset(ClockShift.offsetTo(LocalDate.parse(today.strip()), zone, Instant.now()));
        }
    }
}
