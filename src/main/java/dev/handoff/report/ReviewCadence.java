package dev.handoff.report;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the alignment reviews start, as Camunda cron expressions (seconds first, server time zone), e.g.
 * {@code handoff.reviews.weekly-cron=0 0 9 ? * MON}. Read by the timer start events of
 * processes/alignment-review.bpmn through the {@code reviewCadence} bean; a changed value takes effect after the
 * next review of that cadence has started (or on the next deployment of the model).
 */
@ConfigurationProperties("handoff.reviews")
public record ReviewCadence(
        @DefaultValue("0 0 9 ? * MON") String weeklyCron,
        @DefaultValue("0 0 10 1 * ?") String monthlyCron,
        @DefaultValue("0 0 11 1 1,4,7,10 ?") String quarterlyCron) {
}
