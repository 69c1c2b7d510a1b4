package dev.handoff.report;

import org.springframework.stereotype.Component;

/** The review crons for the model's timer start events: {@code ${reviewCadence.weekly}}. */
@Component("reviewCadence")
public class ReviewCron {

    private final ReviewCadence cadence;

    ReviewCron(ReviewCadence cadence) {
        this.cadence = cadence;
    }

    public String getWeekly() {
        return cadence.weeklyCron();
    }

    public String getMonthly() {
        return cadence.monthlyCron();
    }

    public String getQuarterly() {
        return cadence.quarterlyCron();
    }
}
