package dev.handoff.identity;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Creates what is missing of the groups, the admin user and (in the demo) the demo users; never duplicates. */
@Component
class IdentitySeeder {

    private static final Logger log = LoggerFactory.getLogger(IdentitySeeder.class);

    private final IdentityService identityService;
    private final IdentityProperties properties;

    IdentitySeeder(IdentityService identityService, IdentityProperties properties) {
        this.identityService = identityService;
        this.properties = properties;
    }

    void seed() {
        for (Groups.Definition definition : Groups.ALL) {
            if (identityService.createGroupQuery().groupId(definition.id()).count() == 0) {
                Group group = identityService.newGroup(definition.id());
                group.setName(definition.name());
                group.setType(definition.type());
                identityService.saveGroup(group);
            }
        }
        if (properties.demo()) {
            DemoUsers.ALL.forEach(u -> ensureUser(u.id(), u.firstName(), u.lastName(), u.email(), u.id(), u.group()));
        } else {
            ensureUser("admin", "Handoff", "Admin", null, properties.adminPassword(), Groups.ADMIN);
        }
    }

    private void ensureUser(String id, String firstName, String lastName, String email, String password, String group) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setEmail(email);
            user.setPassword(password);
            // Seeded passwords are the demo's published ones or the admin password AdminPasswordCheck vetted;
            // the engine's password policy is for the passwords people set in the webapps.
            ((IdentityServiceImpl) identityService).saveUser(user, true);
            log.info("Created user {}", id);
        }
        if (identityService.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
            identityService.createMembership(id, group);
        }
    }
}
