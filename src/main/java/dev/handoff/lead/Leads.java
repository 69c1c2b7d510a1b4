package dev.handoff.lead;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.handoff.platform.ConflictException;
import dev.handoff.platform.EngineClock;
import dev.handoff.platform.FieldProblem;
import dev.handoff.platform.InvalidInputException;
import dev.handoff.platform.NotFoundException;

/** The lead capability's face: capture leads, record what they do, and read them back. */
@Service
public class Leads {

    /** The largest deal amount the lead table holds (NUMERIC(14, 2)). */
    static final java.math.BigDecimal MAX_AMOUNT = new java.math.BigDecimal("999999999999.99");
    /** Engagements one lead may collect over its life; more is a client sending the same events in a loop. */
    public static final int MAX_ENGAGEMENTS_PER_LEAD = 1_000;

    /** What a submission did: a new lead, or the open lead it repeats, as it stood when the change committed. */
    public record Capture(Details details, boolean created) {
        public Lead lead() {
            return details.lead();
        }
    }

    /** A lead with its engagements and timeline. */
    public record Details(Lead lead, List<Engagement> engagements, List<LeadEvent> timeline) {
    }

    public record Page(List<Lead> items, int page, int size, long total) {
    }

    private final LeadRepository repository;
    private final LeadScoring scoring;
    private final RuntimeService runtime;
    private final TransactionTemplate transaction;
    private final Validator validator;

    Leads(LeadRepository repository, LeadScoring scoring, RuntimeService runtime, TransactionTemplate transaction,
            Validator validator) {
        this.repository = repository;
        this.scoring = scoring;
        this.runtime = runtime;
        this.transaction = transaction;
        this.validator = validator;
    }

    /**
     * Creates the lead and starts its lifecycle, or merges the submission's engagements into the open lead
     * with the same external id or email. Two concurrent submissions of one lead meet at the database's
     * unique constraints: the loser merges into the winner.
     */
    public Capture capture(LeadRequest request, String actor) {
        return capture(request, actor, false);
    }

    /**
     * Like {@link #capture}, but the new lead is scored and judged in the background (its process waits
     * after the "Lead imported" start event for the job executor), so that a large import returns quickly.
     */
    public Capture captureInBackground(LeadRequest request, String actor) {
        return capture(request, actor, true);
    }

    private Capture capture(LeadRequest request, String actor, boolean background) {
        validate(request);
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Lead> existing = repository.findDuplicate(request.externalId(), request.email());
            if (existing.isPresent()) {
                return new Capture(merge(existing.get().id(), request.engagements(), actor), false);
            }
            try {
                // Read back inside the transaction: once it commits, the answer needs the database no more,
                // so a lead that is stored is answered 201 even if the database goes away that instant.
                Details created = transaction.execute(status -> details(create(request, actor, background)));
                return new Capture(created, true);
            } catch (DuplicateKeyException raced) {
                // Another submission of the same lead committed first: merge into it on the next turn.
            }
        }
        throw new IllegalStateException("Lead " + request.email() + " kept colliding with concurrent submissions");
    }

    /** Records engagement on a lead, re-scores it, and wakes it if it waits in nurture. */
    public Details recordEngagements(String leadId, List<Engagement> engagements, String actor) {
        repository.findById(leadId).orElseThrow(() -> new NotFoundException("No lead " + leadId));
        return merge(leadId, engagements, actor);
    }

    /**
     * A CRM reports a deal's outcome: it reaches the lead's "Record deal outcome" step by message, so the
     * AE's task closes and the same rules apply as when the AE records it.
     */
    public Lead reportOutcome(String leadId, String outcome, java.math.BigDecimal amount, String reason) {
        Lead lead = repository.findById(leadId).orElseThrow(() -> new NotFoundException("No lead " + leadId));
        List<FieldProblem> problems = new ArrayList<>();
        if (!List.of("won", "lost").contains(String.valueOf(outcome))) {
            problems.add(new FieldProblem("outcome", "must be won or lost"));
        }
        if ("won".equals(outcome) && amount != null && amount.signum() < 0) {
            problems.add(new FieldProblem("amount", "must be 0 or more"));
        } else if ("won".equals(outcome) && amount != null && (amount.compareTo(MAX_AMOUNT) > 0
                || amount.stripTrailingZeros().scale() > 2)) {
            problems.add(new FieldProblem("amount", "must be at most " + MAX_AMOUNT.toPlainString()
                    + " with at most 2 decimals"));
        }
        if ("lost".equals(outcome) && (reason == null || reason.isBlank())) {
            problems.add(new FieldProblem("reason", "is required for a lost deal"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        var variables = new java.util.HashMap<String, Object>();
        variables.put(LeadVariables.DEAL_OUTCOME, outcome);
        variables.put(LeadVariables.DEAL_AMOUNT, amount == null ? null : amount.toPlainString());
        variables.put(LeadVariables.LOST_REASON, reason);
        transaction.executeWithoutResult(status -> {
            var result = runtime.createMessageCorrelation(LeadVariables.DEAL_OUTCOME_MESSAGE)
                    .processInstanceBusinessKey(lead.number()).setVariables(variables).correlateAllWithResult();
            if (result.isEmpty()) {
                throw new ConflictException("Lead " + leadId + " is " + lead.stage()
                        + ", not an opportunity waiting for its outcome");
            }
        });
        return repository.findById(leadId).orElseThrow();
    }

    public boolean exists(String leadId) {
        return repository.findById(leadId).isPresent();
    }

    public Details details(String leadId) {
        Lead lead = repository.findById(leadId).orElseThrow(() -> new NotFoundException("No lead " + leadId));
        return new Details(lead, repository.engagements(leadId), repository.events(leadId));
    }

    Page page(LeadStage stage, String owner, LeadReaders.Scope scope, int page, int size) {
        return new Page(repository.page(stage, owner, scope, page, size), page, size,
                repository.count(stage, owner, scope));
    }

    /** Throws {@link InvalidInputException} naming every invalid field. */
    public void validate(LeadRequest request) {
        Set<ConstraintViolation<LeadRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            List<FieldProblem> problems = new ArrayList<>();
            violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .forEach(v -> problems.add(new FieldProblem(v.getPropertyPath().toString(), v.getMessage())));
            throw new InvalidInputException(problems);
        }
    }

    String create(LeadRequest request, String actor, boolean background) {
        String id = record(request, actor, background ? "CSV import" : "API");
        Lead lead = repository.findById(id).orElseThrow();
        var variables = LeadVariables.ids(lead);
        if (background) {
            runtime.createMessageCorrelation(LeadVariables.IMPORT_MESSAGE).processInstanceBusinessKey(lead.number())
                    .setVariables(variables).correlateStartMessage();
        } else {
            runtime.startProcessInstanceByKey(LeadVariables.PROCESS_KEY, lead.number(), variables);
        }
        return id;
    }

    /** Records a new lead with its engagements and the first entry of its timeline; returns its id. */
    String record(LeadRequest request, String actor, String channel) {
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = EngineClock.now();
        String number = repository.insert(id, request, actor, now);
        repository.addEngagements(id, request.engagements(), now);
        repository.addEvent(id, new LeadEvent(now, "CAPTURED", LeadStage.LEAD, actor, number + " from " + channel
                + ", source " + request.source().code()
                + (request.campaign() == null ? "" : ", campaign " + request.campaign()), null));
        return id;
    }

    private Details merge(String leadId, List<Engagement> engagements, String actor) {
        try {
            return mergeOnce(leadId, engagements, actor);
        } catch (DuplicateKeyException raced) {
            // A concurrent merge recorded the same engagement first; the second turn skips it.
            return mergeOnce(leadId, engagements, actor);
        }
    }

    private Details mergeOnce(String leadId, List<Engagement> engagements, String actor) {
        return transaction.execute(status -> {
            recordMerge(leadId, engagements, actor);
            return details(leadId);
        });
    }

    private void recordMerge(String leadId, List<Engagement> engagements, String actor) {
        int held = repository.engagementCount(leadId);
        if (held + engagements.size() > MAX_ENGAGEMENTS_PER_LEAD) {
            throw new InvalidInputException("engagements", "the lead holds " + held + " engagements; at most "
                    + MAX_ENGAGEMENTS_PER_LEAD + " per lead");
        }
        OffsetDateTime now = EngineClock.now();
        int added = repository.addEngagements(leadId, engagements, now);
        if (added == 0) {
            return;
        }
        repository.updateEngagementScore(leadId, scoring.engagementScore(repository.engagements(leadId), now), now);
        repository.addEvent(leadId, new LeadEvent(now, "ENGAGEMENT_RECORDED", null, actor,
                added + " new engagement" + (added == 1 ? "" : "s"), null));
        runtime.createMessageCorrelation(LeadVariables.ENGAGEMENT_MESSAGE)
                .processInstanceBusinessKey(repository.number(leadId)).correlateAllWithResult();
    }
}
