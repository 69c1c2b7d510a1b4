package dev.handoff.lead;

import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.handoff.platform.EngineClock;
import dev.handoff.platform.NotFoundException;

/**
 * A person's requests about their data: export it, or erase it. Erasure runs every {@link PersonalDataStore} in
 * one transaction, so it happens everywhere or nowhere:
 * <ol>
 * <li>{@link LeadTablesErasure}: Handoff's lead tables;</li>
 * <li>{@link EngineErasure}: the engine's runtime, history and decision instances.</li>
 * </ol>
 * Notifications are mail and leave no copy in Handoff. The retention setting ({@code handoff.privacy.retention})
 * erases leads nobody has worked on for longer than it.
 */
@Service
public class PersonalData {

    private static final Logger log = LoggerFactory.getLogger(PersonalData.class);

    /** What erasure did: when, and per place how many records it changed or removed. */
    public record Erasure(String leadId, String number, OffsetDateTime erasedAt, Map<String, Integer> cleared) {
    }

    private final LeadRepository leads;
    private final List<PersonalDataStore> stores;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;

    PersonalData(LeadRepository leads, List<PersonalDataStore> stores, TransactionTemplate transaction,
            JdbcClient jdbc) {
        this.leads = leads;
        this.stores = stores;
        this.transaction = transaction;
        this.jdbc = jdbc;
    }

    static String erasedEmail(String number) {
        return "erased-" + number.toLowerCase(java.util.Locale.ROOT) + "@erased.invalid";
    }

    /** Erases the person behind the lead everywhere; the lead stays as an anonymous row. Repeating it is harmless. */
    public Erasure erase(String leadId, String actor) {
        return transaction.execute(status -> {
            Lead lead = leads.findById(leadId).orElseThrow(() -> new NotFoundException("No lead " + leadId));
            PersonalDataStore.Subject subject = subject(lead);
            Map<String, Integer> cleared = new LinkedHashMap<>();
            for (PersonalDataStore store : stores) {
                cleared.put(store.what(), store.erase(subject));
            }
            OffsetDateTime now = EngineClock.now();
            leads.addEvent(leadId, new LeadEvent(now, "ERASED", null, actor, "personal data erased", null));
            log.info("Personal data of lead {} erased by {}: {}", lead.number(), actor, cleared);
            return new Erasure(leadId, lead.number(), now, cleared);
        });
    }

    /** Everything Handoff keeps about the person, as the API answers it. */
    public Map<String, Object> export(String leadId) {
        Lead lead = leads.findById(leadId).orElseThrow(() -> new NotFoundException("No lead " + leadId));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("lead", lead);
        data.put("engagements", leads.engagements(leadId));
        data.put("timeline", leads.events(leadId));
        data.put("rejections", jdbc.sql("select rep, reason, note, rejected_at from lead_rejection where lead_id = ? "
                + "order by rejected_at").param(leadId).query().listOfRows());
        data.put("contactAttempts", jdbc.sql("select rep, channel, outcome, note, attempted_at from contact_attempt "
                + "where lead_id = ? order by attempted_at").param(leadId).query().listOfRows());
        data.put("assignments", jdbc.sql("select role, rep, team, assigned_at, ended_at, outcome from "
                + "lead_assignment where lead_id = ? order by assigned_at").param(leadId).query().listOfRows());
        return data;
    }

    /**
     * Erases every lead not erased yet whose last change is older than the retention period before {@code now}.
     * Returns how many it erased.
     */
    public int eraseInactive(Period retention, OffsetDateTime now) {
        OffsetDateTime before = now.minus(retention);
        List<String> ids = jdbc.sql("select id from lead where erased_at is null and updated_at < ? and not exists "
                + "(select 1 from lead_event e where e.lead_id = lead.id and e.occurred_at >= ?) order by updated_at")
                .params(before, before).query(String.class).list();
        int erased = 0;
        for (String id : ids) {
            try {
                erase(id, "retention");
                erased++;
            } catch (RuntimeException e) {
                log.warn("Could not erase inactive lead {}: {}", id, e.getMessage());
            }
        }
        return erased;
    }

    private static PersonalDataStore.Subject subject(Lead lead) {
        List<String> values = new ArrayList<>();
        String fullName = Stream.of(lead.firstName(), lead.lastName()).filter(v -> v != null).reduce((a, b) -> a
                + " " + b).orElse(null);
        // Longest first, so "Vera Vice" goes before "Vera"; one-letter values would scrub unrelated text.
        Stream.of(lead.email(), fullName, lead.firstName(), lead.lastName(), lead.phone(), lead.externalId(),
                lead.company(), lead.email() == null ? null : lead.email().substring(0, Math.max(0,
                        lead.email().indexOf('@'))))
                .filter(v -> v != null && v.strip().length() >= 3).distinct()
                .sorted((a, b) -> b.length() - a.length()).forEach(values::add);
        return new PersonalDataStore.Subject(lead.id(), lead.number(), lead.email(), values);
    }

}
