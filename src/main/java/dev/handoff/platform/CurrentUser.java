package dev.handoff.platform;

import java.util.Collection;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** The caller of Handoff's API, as the authentication filter told the engine. */
@Component
public class CurrentUser {

    private final IdentityService identityService;

    public CurrentUser(IdentityService identityService) {
        this.identityService = identityService;
    }

    public String id() {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }

    /**
     * Who did something, for a timeline: the signed-in user; else (a job, a test) the given fallback such as
     * a task's assignee; else "system".
     */
    public String actor(String fallback) {
        String id = id();
        return id != null ? id : fallback != null ? fallback : "system";
    }

    /**
     * The work as it would run on this thread, for another thread: background work on the caller's behalf
     * keeps the caller's rights instead of running unauthenticated, which the engine does not check.
     */
    public Runnable carry(Runnable work) {
        Authentication authentication = identityService.getCurrentAuthentication();
        return () -> {
            identityService.setAuthentication(authentication);
            try {
                work.run();
            } finally {
                identityService.clearAuthentication();
            }
        };
    }

    public List<String> groups() {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null || authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
    }

    public boolean isInAny(Collection<String> groups) {
        return groups().stream().anyMatch(groups::contains);
    }

    /** Throws {@link ForbiddenException} unless the caller is in one of the groups (admins always are). */
    public void requireAny(Collection<String> groups, String action) {
        if (!isInAny(groups) && !groups().contains(dev.handoff.identity.Groups.ADMIN)) {
            throw new ForbiddenException("User " + id() + " may not " + action + ": it takes one of the groups "
                    + groups + ".");
        }
    }
}
