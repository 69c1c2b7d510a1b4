package dev.handoff.agreement;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Agreement 1 is created at start-up, before Handoff takes requests (and, on PostgreSQL, while this node holds the
 * start-up lock, so several nodes starting at once create it once), not by the first requests, which would race
 * for it and each need a second database connection to create it. An agreement in force from before catalogues
 * existed gets the default ideal customer profile and personas here.
 */
@Component
class FirstAgreement implements ApplicationRunner {

    private final Agreements agreements;

    FirstAgreement(Agreements agreements) {
        this.agreements = agreements;
    }

    @Override
    public void run(ApplicationArguments args) {
        agreements.inForce();
        agreements.fillCatalogue();
    }
}
