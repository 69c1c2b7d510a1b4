package dev.handoff.lead;

import java.time.Period;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import dev.handoff.platform.EngineClock;

/**
 * Erases the personal data of leads nobody has worked on for longer than {@code handoff.privacy.retention}
 * (ISO-8601 period, e.g. P3Y; empty turns it off), every night at {@code handoff.privacy.retention-cron}.
 */
@Configuration
@EnableScheduling
class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final PersonalData personalData;
    private final String retention;

    Retention(PersonalData personalData, @Value("${handoff.privacy.retention:P3Y}") String retention) {
        this.personalData = personalData;
        this.retention = retention;
        if (!retention.isBlank()) {
            Period.parse(retention);
        }
    }

    @Scheduled(cron = "${handoff.privacy.retention-cron:0 30 2 * * *}")
    void eraseInactive() {
        if (retention.isBlank()) {
            return;
        }
        int erased = personalData.eraseInactive(Period.parse(retention), EngineClock.now());
        if (erased > 0) {
            log.info("Retention {}: erased the personal data of {} inactive leads", retention, erased);
        }
    }
}
