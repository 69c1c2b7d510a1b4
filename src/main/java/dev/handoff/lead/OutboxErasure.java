package dev.handoff.lead;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.handoff.event.Outbox;

/**
 * The outbox: the lead's events and mails not yet delivered or kept after delivery, and any other row whose
 * message names the person (a mail about the lead sent to a rep). Events carry no name or email, mails do.
 */
@Component
@Order(3)
class OutboxErasure implements PersonalDataStore {

    private final Outbox outbox;

    OutboxErasure(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public String what() {
        return "outbox (events and mails)";
    }

    @Override
    public int erase(Subject subject) {
        return outbox.erase(subject.leadId(), subject.values());
    }
}
