package dev.handoff.notification;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells people what Handoff needs from them or did for them, by email to the address the engine's identity
 * service has for the user.
 * <p>
 * Best effort by design: without {@code spring.mail.host} a message is only logged at INFO; an SMTP error is
 * logged at WARN and never reaches the caller. Inside a transaction (a process step) the mail goes out after
 * the commit, so a step that rolls back and is retried does not send twice.
 */
@Component
public class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final IdentityService identityService;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final String from;

    public Notifier(IdentityService identityService, ObjectProvider<JavaMailSender> mailSender,
            @Value("${handoff.notification.from:handoff@localhost}") String from) {
        this.identityService = identityService;
        this.mailSender = mailSender;
        this.from = from;
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
        send(userId, email, subject, text);
    }

    /** Sends to every member of a group, one mail each. */
    public void notifyGroup(String groupId, String subject, String text) {
        List<User> members = identityService.createUserQuery().memberOfGroup(groupId).list();
        if (members.isEmpty()) {
            log.info("Notification for group {} (no members): {}: {}", groupId, subject, text);
        }
        members.forEach(member -> notify(member.getId(), subject, text));
    }

    private void send(String userId, String email, String subject, String text) {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            log.info("Notification for {} <{}>: {}: {}", userId, email, subject, text);
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(email);
        message.setSubject("[Handoff] " + subject);
        message.setText(text);
        Runnable delivery = () -> {
            try {
                sender.send(message);
            } catch (RuntimeException e) {
                log.warn("Could not send notification '{}' to {}: {}", subject, email, e.getMessage());
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    delivery.run();
                }
            });
        } else {
            delivery.run();
        }
    }
}
