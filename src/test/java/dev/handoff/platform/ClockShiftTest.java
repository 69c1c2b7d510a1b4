package dev.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ClockShiftTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void movesTodayToTheChosenDayAtTheSameTimeOfDay() {
        Instant now = Instant.parse("2026-12-01T09:15:00Z");
        for (LocalDate today : new LocalDate[] { LocalDate.of(2028, 2, 29), LocalDate.of(2028, 3, 26),
                LocalDate.of(2028, 10, 29), LocalDate.of(2027, 1, 1), LocalDate.of(2026, 12, 1) }) {
            ZonedDateTime moved = now.plusMillis(ClockShift.offsetTo(today, BERLIN, now)).atZone(BERLIN);
            assertThat(moved.toLocalDate()).isEqualTo(today);
            assertThat(moved.toLocalTime()).isEqualTo(LocalTime.of(10, 15));
        }
        assertThat(ClockShift.offsetTo(LocalDate.of(2026, 12, 1), BERLIN, now)).isZero();
    }

    @Test
    void theEnginesClockAndHandoffsFollowTheProperty() {
        MockEnvironment environment = new MockEnvironment().withProperty("handoff.clock.today", "2028-02-29")
                .withProperty("handoff.business-hours.zone", "Europe/Berlin");
        new ClockShift().postProcessEnvironment(environment, null);
        assertThat(ClockUtil.getCurrentTime().toInstant().atZone(BERLIN).toLocalDate())
                .isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(EngineClock.now().atZoneSameInstant(BERLIN).toLocalDate()).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(EngineClock.clock().instant().atZone(BERLIN).toLocalDate()).isEqualTo(LocalDate.of(2028, 2, 29));
    }

    /** With -Dhandoff.clock.today, MovedClock has put this test on that day too; without it, on the real one. */
    @Test
    void aTestRunsOnTheDayTheBuildWasGiven() {
        String today = System.getProperty("handoff.clock.today");
        if (today != null && !today.isBlank()) {
            assertThat(EngineClock.now().atZoneSameInstant(BERLIN).toLocalDate()).isEqualTo(LocalDate.parse(today));
        } else {
            assertThat(EngineClock.now().toInstant()).isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
        }
    }

    @Test
    void aDateThatIsNoDateStopsTheStart() {
        MockEnvironment environment = new MockEnvironment().withProperty("handoff.clock.today", "29.02.2028");
        assertThatThrownBy(() -> new ClockShift().postProcessEnvironment(environment, null))
                .hasMessageContaining("handoff.clock.today must be a date such as 2028-02-29");
    }
}
