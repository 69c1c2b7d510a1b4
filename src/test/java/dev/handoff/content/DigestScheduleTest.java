package dev.handoff.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.handoff.sla.BusinessHoursProperties;
import dev.handoff.sla.BusinessTime;

class DigestScheduleTest {

    final DigestSchedule schedule = new DigestSchedule(new BusinessTime(new BusinessHoursProperties(
            ZoneId.of("Europe/Berlin"), "MON-FRI", LocalTime.of(9, 0), LocalTime.of(18, 0),
            List.of(LocalDate.parse("2027-01-01")))), "0 0 8 1-7 * ?");

    @Test
    void theFirstWorkingDaySkipsTheWeekend() {
        assertThat(schedule.isFirstWorkingDay(LocalDate.parse("2026-03-01"))).as("a Sunday").isFalse();
        assertThat(schedule.isFirstWorkingDay(LocalDate.parse("2026-03-02"))).isTrue();
        assertThat(schedule.isFirstWorkingDay(LocalDate.parse("2026-03-03"))).isFalse();
        assertThat(schedule.isFirstWorkingDay(LocalDate.parse("2026-04-01"))).as("a Wednesday").isTrue();
    }

    @Test
    void andTheHolidaysOfTheBusinessCalendar() {
        assertThat(schedule.isFirstWorkingDay(LocalDate.parse("2027-01-01"))).as("a holiday").isFalse();
        assertThat(schedule.isFirstWorkingDay(LocalDate.parse("2027-01-04"))).as("Monday after it").isTrue();
    }
}
