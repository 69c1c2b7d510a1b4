package dev.handoff.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;

import org.junit.jupiter.api.Test;

class DeadlineFormatTest {

    final DeadlineFormat berlin = new DeadlineFormat(ZoneId.of("Europe/Berlin"));

    @Test
    void showsTheBusinessHoursZoneAndNamesIt() {
        // 09:00 UTC in winter is 10:00 in Berlin: what the accept form used to show as 09:00.
        assertThat(berlin.moment(Instant.parse("2026-12-01T09:00:00Z")))
                .isEqualTo("Tue 1 Dec 2026, 10:00 (Europe/Berlin)");
        assertThat(berlin.moment(OffsetDateTime.parse("2026-12-14T17:00:00Z")))
                .isEqualTo("Mon 14 Dec 2026, 18:00 (Europe/Berlin)");
        assertThat(berlin.moment(Date.from(Instant.parse("2026-12-14T17:00:00Z"))))
                .isEqualTo("Mon 14 Dec 2026, 18:00 (Europe/Berlin)");
    }

    @Test
    void followsTheSpringChangeToSummerTime() {
        // 29 March 2026, 02:00 CET becomes 03:00 CEST: one UTC hour apart, two local hours apart.
        assertThat(berlin.moment(Instant.parse("2026-03-29T00:30:00Z")))
                .isEqualTo("Sun 29 Mar 2026, 01:30 (Europe/Berlin)");
        assertThat(berlin.moment(Instant.parse("2026-03-29T01:30:00Z")))
                .isEqualTo("Sun 29 Mar 2026, 03:30 (Europe/Berlin)");
        assertThat(berlin.moment(Instant.parse("2026-03-30T07:00:00Z")))
                .isEqualTo("Mon 30 Mar 2026, 09:00 (Europe/Berlin)");
    }

    @Test
    void followsTheAutumnChangeToWinterTime() {
        // 25 October 2026, 03:00 CEST becomes 02:00 CET: 02:30 happens twice, an hour apart.
        assertThat(berlin.moment(Instant.parse("2026-10-25T00:30:00Z")))
                .isEqualTo("Sun 25 Oct 2026, 02:30 (Europe/Berlin)");
        assertThat(berlin.moment(Instant.parse("2026-10-25T01:30:00Z")))
                .isEqualTo("Sun 25 Oct 2026, 02:30 (Europe/Berlin)");
        assertThat(berlin.moment(Instant.parse("2026-10-26T08:00:00Z")))
                .isEqualTo("Mon 26 Oct 2026, 09:00 (Europe/Berlin)");
    }

    @Test
    void anotherZoneShowsItsOwnLocalTimeAndDay() {
        DeadlineFormat newYork = new DeadlineFormat(ZoneId.of("America/New_York"));
        // 02:00 UTC on Tuesday is still Monday evening in New York.
        assertThat(newYork.moment(Instant.parse("2026-12-01T02:00:00Z")))
                .isEqualTo("Mon 30 Nov 2026, 21:00 (America/New_York)");
        assertThat(new DeadlineFormat(ZoneId.of("Asia/Kolkata")).moment(Instant.parse("2026-12-01T09:00:00Z")))
                .isEqualTo("Tue 1 Dec 2026, 14:30 (Asia/Kolkata)");
    }

    @Test
    void aDayAloneHasNoTime() {
        assertThat(berlin.day(LocalDate.of(2026, 12, 14))).isEqualTo("Mon 14 Dec 2026");
    }

    @Test
    void nothingStaysNothing() {
        assertThat(berlin.moment((Instant) null)).isNull();
        assertThat(berlin.moment((Date) null)).isNull();
        assertThat(berlin.day(null)).isNull();
    }
}
