package dev.handoff.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Java percentile must give what percentile_cont gives in SQL, rounded as the reports round it. */
class StatsTest {

    @Test
    void interpolatesBetweenTheValuesAroundTheRankLikePercentileCont() {
        Stats.Durations d = Stats.Durations.of(3, new double[] { 30000, 1800, 3600 });
        assertThat(d.count()).isEqualTo(3);
        assertThat(d.medianSeconds()).isEqualTo(3600);
        // rank 0.9 · 2 = 1.8: 3600 + 0.8 · (30000 − 3600)
        assertThat(d.p90Seconds()).isEqualTo(24720);
    }

    @Test
    void roundsHalfUpOnTheExactValue() {
        // median of 1 and 2 is 1.5, p90 of 0 and 5 is 4.5
        assertThat(Stats.percentile(new double[] { 1, 2 }, 0.5)).isEqualTo(2);
        assertThat(Stats.percentile(new double[] { 0, 5 }, 0.9)).isEqualTo(5);
        assertThat(Stats.percentile(new double[] { 7 }, 0.9)).isEqualTo(7);
    }

    @Test
    void fractionalAndNegativeValuesRoundLikeMathRound() {
        assertThat(Stats.percentile(new double[] { 1.2, 1.4 }, 0.5)).isEqualTo(1);
        assertThat(Stats.percentile(new double[] { -3, -2 }, 0.5)).isEqualTo(Math.round(-2.5));
    }

    @Test
    void noValuesNoPercentile() {
        Stats.Durations d = Stats.Durations.of(2, new double[0]);
        assertThat(d.count()).isEqualTo(2);
        assertThat(d.medianSeconds()).isNull();
        assertThat(d.p90Seconds()).isNull();
    }
}
