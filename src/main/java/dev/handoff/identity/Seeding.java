package dev.handoff.identity;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Seeds identities, authorizations and filters at every start; each step only adds what is missing. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class Seeding implements ApplicationRunner {

    private final IdentitySeeder identities;
    private final AccessSeeder access;

    Seeding(IdentitySeeder identities, AccessSeeder access) {
        this.identities = identities;
        this.access = access;
    }

    @Override
    public void run(ApplicationArguments args) {
        identities.seed();
        access.seed();
    }
}
