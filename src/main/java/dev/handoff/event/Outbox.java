package dev.handoff.event;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.handoff.platform.EngineClock;

/**
 * The event capability's face: what Handoff tells other systems and people leaves through here. Calls write the
 * outbox in the caller's transaction (the engine's, in a process step), so a change that rolls back sends nothing
 * and a committed one is delivered at least once, even after a crash: retried with backoff, in order per lead for
 * each subscriber, with the event id as idempotency key.
 */
@Service
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final OutboxRepository repository;
    private final Subscribers subscribers;
    private final OutboxWorker worker;
    private final Channels channels;
    private final ObjectMapper json;
    private final Clock clock;

    @Autowired
    Outbox(OutboxRepository repository, Subscribers subscribers, OutboxWorker worker, Channels channels,
            ObjectMapper json) {
        this(repository, subscribers, worker, channels, json, EngineClock.clock());
    }

    Outbox(OutboxRepository repository, Subscribers subscribers, OutboxWorker worker, Channels channels,
            ObjectMapper json, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.subscribers = subscribers;
        this.worker = worker;
        this.channels = channels;
        this.json = json;
    }

    /** Queues the event for every subscriber that wants its type. */
    public void publish(OutboundEvent event) {
        List<Subscribers.Subscriber> wanting = subscribers.wanting(event.type());
        if (wanting.isEmpty()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.id());
        body.put("type", event.type());
        body.put("occurredAt", event.occurredAt().toString());
        body.put("summary", event.summary());
        body.putAll(event.data());
        String payload = write(body);
        OffsetDateTime now = now();
        for (Subscribers.Subscriber subscriber : wanting) {
            repository.insert(event.id(), event.type(), subscriber.name(), event.orderingKey(), event.leadId(),
                    payload, now);
        }
        afterCommit(List.of());
    }

    /**
     * Queues a mail to one address (Notifier resolves users and groups to addresses): it is tried right after
     * the commit and retried while the SMTP server is away. Without a mail host ({@code spring.mail.host}) it is
     * only logged, as before.
     *
     * @param leadId the lead the mail is about, if any, so that erasing the lead erases the mail too
     */
    public void sendMail(String to, String subject, String text, String leadId) {
        if (!channels.canMail()) {
            log.info("Notification for <{}>: {}: {}", to, subject, text);
            return;
        }
        Map<String, Object> mail = new LinkedHashMap<>();
        mail.put("to", to);
        mail.put("subject", subject);
        mail.put("text", text);
        long id = repository.insert(UUID.randomUUID().toString(), "MAIL", Subscribers.EMAIL, "mail:" + to,
                leadId, write(mail), now());
        afterCommit(List.of(id));
    }

    /**
     * Deletes every outbox row about the lead (its events, delivered or not) and every row whose text holds one of
     * the values (the person's name or address in a mail). Undelivered rows are dropped: an erased person is told
     * about to nobody.
     *
     * @return the rows deleted
     */
    public int erase(String leadId, Collection<String> personalValues) {
        return repository.erase(leadId, personalValues == null ? List.of() : new ArrayList<>(personalValues));
    }

    private void afterCommit(List<Long> tryNow) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deliver(tryNow);
                }
            });
        } else {
            deliver(tryNow);
        }
    }

    private void deliver(List<Long> tryNow) {
        try {
            worker.deliverNow(tryNow);
        } catch (RuntimeException e) {
            log.warn("Outbox rows {} left to the worker: {}", tryNow, e.getMessage());
        }
        worker.wake();
    }

    private String write(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event not writable as JSON: " + body.keySet(), e);
        }
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
