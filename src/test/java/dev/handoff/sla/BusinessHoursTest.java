package dev.handoff.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class BusinessHoursTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    final BusinessHours hours = new BusinessHours(BERLIN, BusinessHours.parseDays("MON-FRI"), LocalTime.of(9, 0),
            LocalTime.of(18, 0), List.of(LocalDate.of(2026, 12, 25)));

    @Test
    void anHourStartingFridayEveningIsDueMondayMorning() {
        // 2026-11-20 is a Friday.
        assertThat(hours.plus(at("2026-11-20T17:30"), Duration.ofHours(1))).isEqualTo(at("2026-11-23T09:30"));
    }

    @Test
    void theClockStartsAtOpeningTimeWhenStartedAtNight() {
        assertThat(hours.plus(at("2026-11-18T02:00"), Duration.ofHours(1))).isEqualTo(at("2026-11-18T10:00"));
        assertThat(hours.plus(at("2026-11-18T22:00"), Duration.ofHours(1))).isEqualTo(at("2026-11-19T10:00"));
    }

    @Test
    void withinADayItIsPlainAddition() {
        assertThat(hours.plus(at("2026-11-18T10:15"), Duration.ofMinutes(90))).isEqualTo(at("2026-11-18T11:45"));
    }

    @Test
    void endingExactlyAtClosingStaysThatDay() {
        assertThat(hours.plus(at("2026-11-18T17:00"), Duration.ofHours(1))).isEqualTo(at("2026-11-18T18:00"));
    }

    @Test
    void skipsHolidays() {
        // Thursday 24 Dec 17:00 + 2h: one hour on the 24th, the 25th is a holiday, then Saturday and Sunday.
        assertThat(hours.plus(at("2026-12-24T17:00"), Duration.ofHours(2))).isEqualTo(at("2026-12-28T10:00"));
    }

    @Test
    void severalDaysOfWorkingTime() {
        // 10 business days of 9 hours from Monday 09:00 end on the second Friday at 18:00.
        assertThat(hours.plus(at("2026-11-16T09:00"), hours.workingDay().multipliedBy(10)))
                .isEqualTo(at("2026-11-27T18:00"));
    }

    @Test
    void respectsDaylightSavingChanges() {
        // The night of 28-29 March 2026 Berlin moves to summer time; working hours stay 09:00-18:00 local.
        Instant due = hours.plus(at("2026-03-27T17:00"), Duration.ofHours(2));
        assertThat(due).isEqualTo(at("2026-03-30T10:00"));
        assertThat(due).isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
    }

    @Test
    void theSameRulesInAnotherZone() {
        BusinessHours newYork = new BusinessHours(ZoneId.of("America/New_York"), BusinessHours.parseDays("MON-FRI"),
                LocalTime.of(9, 0), LocalTime.of(17, 0), List.of());
        // Friday 21:30 UTC is 16:30 in New York: half an hour on Friday, half an hour on Monday.
        assertThat(newYork.plus(Instant.parse("2026-11-20T21:30:00Z"), Duration.ofHours(1)))
                .isEqualTo(Instant.parse("2026-11-23T14:30:00Z"));
    }

    @Test
    void measuresWorkingTimeBetweenInstants() {
        assertThat(hours.between(at("2026-11-20T17:30"), at("2026-11-23T09:30"))).isEqualTo(Duration.ofHours(1));
        assertThat(hours.between(at("2026-11-21T10:00"), at("2026-11-22T10:00"))).isZero();
        assertThat(hours.between(at("2026-11-23T09:30"), at("2026-11-20T17:30"))).isEqualTo(Duration.ofHours(-1));
    }

    @Test
    void readsDaySpecifications() {
        assertThat(BusinessHours.parseDays("MON-FRI")).hasSize(5).doesNotContain(DayOfWeek.SATURDAY);
        assertThat(BusinessHours.parseDays("mon,wed, FRI")).containsExactlyInAnyOrder(DayOfWeek.MONDAY,
                DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
        assertThat(BusinessHours.parseDays("SUN-TUE")).containsExactlyInAnyOrder(DayOfWeek.SUNDAY, DayOfWeek.MONDAY,
                DayOfWeek.TUESDAY);
        assertThatThrownBy(() -> BusinessHours.parseDays("XYZ")).hasMessageContaining("XYZ");
    }

    @Test
    void refusesAConfigurationWithoutWorkingTime() {
        assertThatThrownBy(() -> new BusinessHours(BERLIN, BusinessHours.parseDays("MON"), LocalTime.of(18, 0),
                LocalTime.of(9, 0), List.of())).hasMessageContaining("before close");
    }

    private static Instant at(String localBerlin) {
        return LocalDateTime.parse(localBerlin).atZone(BERLIN).toInstant();
    }
}
