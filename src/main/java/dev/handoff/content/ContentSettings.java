package dev.handoff.content;

import java.time.Duration;
import java.time.Period;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Settings the content-request model reads, e.g. {@code ${contentSettings.ratingDelay}}. */
@Component("contentSettings")
public class ContentSettings {

    private final String ratingDelay;

    ContentSettings(@Value("${handoff.content.rating-delay:P30D}") String ratingDelay) {
        if (ratingDelay.contains("T")) {
            Duration.parse(ratingDelay);
        } else {
            Period.parse(ratingDelay);
        }
        this.ratingDelay = ratingDelay;
    }

    /** How long after publishing the requester is asked to rate the content, as an ISO-8601 duration. */
    public String getRatingDelay() {
        return ratingDelay;
    }
}
