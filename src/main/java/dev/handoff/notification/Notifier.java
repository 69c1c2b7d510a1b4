package dev.handoff.notification;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.handoff.event.Outbox;

/**
 * Tells people what Handoff needs from them or did for them, by email to the address the engine's identity
 * service has for the user.
 * <p>
 * Mails leave through the {@link Outbox}: written with the caller's transaction (a process step), tried right
 * after its commit, and retried with backoff while the SMTP server is away, so an outage delays a notification
 * instead of losing it; a step that rolls back sends nothing. Without {@code spring.mail.host} a message is only
 * logged at INFO.
 */
@Component
public class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final IdentityService identityService;
    private final Outbox outbox;

    public Notifier(IdentityService identityService, Outbox outbox) {
        this.identityService = identityService;
        this.outbox = outbox;
    }

    /** Sends to one user; a user without an email address (or unknown) gets a log line instead. */
    public void notify(String userId, String subject, String text) {
        if (userId == null) {
            return;
        }
        User user = identityService.createUserQuery().userId(userId).singleResult();
        String email = user == null ? null : user.getEmail();
        if (email == null || email.isBlank()) {
            log.info("Notification for {} (no email address): {}: {}", userId, subject, text);
            return;
        }
        outbox.sendMail(email, "[Handoff] " + subject, text, null);
    }

    /** Sends to every member of a group, one mail each. */
    public void notifyGroup(String groupId, String subject, String text) {
        List<User> members = identityService.createUserQuery().memberOfGroup(groupId).list();
        if (members.isEmpty()) {
            log.info("Notification for group {} (no members): {}: {}", groupId, subject, text);
        }
        members.forEach(member -> notify(member.getId(), subject, text));
    }
}
