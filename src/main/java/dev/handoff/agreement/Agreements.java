package dev.handoff.agreement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.handoff.identity.Groups;
import dev.handoff.platform.EngineClock;
import dev.handoff.platform.FieldProblem;
import dev.handoff.platform.ForbiddenException;
import dev.handoff.platform.InputBounds;
import dev.handoff.platform.InvalidInputException;
import dev.handoff.platform.NotFoundException;
import dev.handoff.report.Targets;
import dev.handoff.sla.BusinessTime;

/**
 * The agreement capability's face: which agreement is in force (and so which decision versions Handoff
 * evaluates), its history, and the steps of changing it. The first agreement is created in force the first time
 * it is asked for, naming the decisions deployed then and the targets of {@code handoff.targets.*}.
 */
@Service
public class Agreements implements AgreementHistory {

    /** A stretch of time under one agreement; {@code from} null for the first agreement, {@code to} null while it holds. */
    public record Period(Agreement agreement, Instant from, Instant to) {
    }

    static final List<String> MARKETING_PROPOSERS = List.of(Groups.MARKETING_OPS, Groups.MARKETING_MANAGERS);
    static final List<String> SALES_PROPOSERS = List.of(Groups.SALES_MANAGERS);
    static final double MAX_OBJECTIVE = 999_999_999_999.99;

    private final AgreementRepository repository;
    private final RepositoryService engineRepository;
    private final Targets seedTargets;
    private final ZoneId zone;
    /** The first agreement's insert runs on its own: on PostgreSQL a lost race would abort the caller's transaction. */
    private final TransactionTemplate ownTransaction;

    Agreements(AgreementRepository repository, RepositoryService engineRepository, Targets seedTargets,
            BusinessTime businessTime, PlatformTransactionManager transactions) {
        this.repository = repository;
        this.engineRepository = engineRepository;
        this.seedTargets = seedTargets;
        this.zone = businessTime.hours().zone();
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The agreement in force; the first start creates agreement 1 from what is deployed and configured.
     * <p>
     * Read once per transaction: a lead's intake evaluates four decisions and matches its persona, each asking
     * for the agreement, and all of them judge it under the same one. Not cached across transactions: an
     * agreement another node puts in force is seen by the next transaction that starts after it committed.
     */
    public Agreement inForce() {
        return inThisTransaction().agreement();
    }

    /**
     * The id of the version of {@code key} the agreement in force names, to evaluate by id: a model deployed
     * outside the agreement (Modeler) changes nothing until an agreement names it.
     */
    public String decisionId(String key) {
        return decisionId(inThisTransaction(), key);
    }

    /** As {@link #decisionId(String)} for an agreement the caller has already read. */
    public String decisionId(Agreement agreement, String key) {
        InForce current = inThisTransaction();
        if (current.agreement().equals(agreement)) {
            return decisionId(current, key);
        }
        return definition(key, agreement.decisions().version(key)).getId();
    }

    /** Each decision's id looked up once per transaction, as its agreement is. */
    private String decisionId(InForce current, String key) {
        String id = current.decisionIds().get(key);
        if (id == null) {
            id = definition(key, current.agreement().decisions().version(key)).getId();
            current.decisionIds().put(key, id);
        }
        return id;
    }

    /** The agreement in force as this transaction read it, and the decision ids looked up for it so far. */
    private record InForce(Agreement agreement, Map<String, String> decisionIds) {
    }

    /**
     * The agreement in force, read at most once per transaction (bound to it like a connection, suspended with
     * it); outside a transaction, read each time.
     */
    private InForce inThisTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new InForce(read(), new ConcurrentHashMap<>());
        }
        InForce bound = (InForce) TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return bound;
        }
        InForce read = new InForce(read(), new ConcurrentHashMap<>());
        TransactionSynchronizationManager.bindResource(this, read);
        TransactionSynchronizationManager.registerSynchronization(new Unbind());
        return read;
    }

    private Agreement read() {
        return repository.inForce().orElseGet(this::seedFirst);
    }

    /** Forgets what this transaction read: it is about to change which agreement is in force, or its catalogue. */
    private void forget() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.unbindResourceIfPossible(this);
        }
    }

    /** Releases the transaction's agreement when it ends; hides it while an inner (REQUIRES_NEW) one runs. */
    private final class Unbind implements TransactionSynchronization {
        private Object suspended;

        @Override
        public void suspend() {
            suspended = TransactionSynchronizationManager.unbindResourceIfPossible(Agreements.this);
        }

        @Override
        public void resume() {
            if (suspended != null) {
                TransactionSynchronizationManager.bindResource(Agreements.this, suspended);
                suspended = null;
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(Agreements.this);
        }
    }

    public List<Agreement> all() {
        return repository.all();
    }

    public Agreement find(int number) {
        return repository.find(number).orElseThrow(() -> new NotFoundException("No agreement " + number));
    }

    @Override
    public List<Period> during(Instant start, Instant end) {
        inForce();
        List<Agreement> held = repository.all().stream().filter(a -> a.inForceSince() != null)
                .sorted(Comparator.comparing(Agreement::inForceSince)).toList();
        List<Period> periods = new ArrayList<>();
        for (int i = 0; i < held.size(); i++) {
            Agreement a = held.get(i);
            Instant from = i == 0 ? null : a.inForceSince().toInstant();
            Instant to = i + 1 < held.size() ? held.get(i + 1).inForceSince().toInstant() : null;
            if ((to == null || to.isAfter(start)) && (from == null || from.isBefore(end))) {
                periods.add(new Period(a, from, to));
            }
        }
        return periods;
    }

    @Override
    public Agreement at(Instant instant) {
        List<Period> periods = during(instant, instant.plusNanos(1));
        return periods.isEmpty() ? inForce() : periods.get(periods.size() - 1).agreement();
    }

    ZoneId zone() {
        return zone;
    }

    DecisionDefinition definition(String key, int version) {
        DecisionDefinition definition = engineRepository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                .decisionDefinitionVersion(version).singleResult();
        if (definition == null) {
            throw new IllegalStateException("The agreement names " + key + " v" + version + ", which is not deployed");
        }
        return definition;
    }

    int latestVersion(String key) {
        DecisionDefinition latest = engineRepository.createDecisionDefinitionQuery().decisionDefinitionKey(key)
                .latestVersion().singleResult();
        return latest == null ? 0 : latest.getVersion();
    }

    private Agreement seedFirst() {
        OffsetDateTime now = EngineClock.now();
        Agreement first = new Agreement(1, Agreement.Status.IN_FORCE, now.atZoneSameInstant(zone).toLocalDate(), now,
                null, new Agreement.Decisions(latestVersion(Agreement.MQL_DEFINITION),
                        latestVersion(Agreement.SLA_POLICY), latestVersion(Agreement.LEAD_ROUTING),
                        latestVersion(Agreement.LEAD_FIT)),
                new Agreement.Targets(seedTargets.slaCompliance(), seedTargets.acceptance(), seedTargets.salToSql(),
                        seedTargets.definitionalShareMax()),
                new Agreement.Objectives(null, null, null, null), Catalogue.defaults(),
                "The decisions deployed at first start and the targets of handoff.targets.*", "system", null, now,
                new Agreement.Signature("system", now), new Agreement.Signature("system", now), null);
        try {
            ownTransaction.executeWithoutResult(status -> repository.insert(first));
        } catch (DuplicateKeyException raced) {
            // Another node (or thread) seeded it first, and committed it.
        }
        return repository.inForce().orElseThrow();
    }

    /**
     * An agreement in force from before catalogues existed gets the default ICP and personas (once): leads are
     * matched to personas and content requests choose them from then on; a proposal changes them as anything else.
     */
    boolean fillCatalogue() {
        int number = inForce().number();
        forget();
        return repository.fillCatalogue(number, Catalogue.defaults());
    }

    /** The catalogue in force: the personas leads are matched to and content requests choose from. */
    public Catalogue catalogue() {
        return Catalogue.of(inForce());
    }

    // --- Changing the agreement: the steps of processes/agreement-change.bpmn ---

    /** The side a proposer speaks for; ForbiddenException for anyone who may not propose. */
    static Agreement.Side side(List<String> groups, String user) {
        if (groups.stream().anyMatch(SALES_PROPOSERS::contains)) {
            return Agreement.Side.SALES;
        }
        if (groups.stream().anyMatch(MARKETING_PROPOSERS::contains)) {
            return Agreement.Side.MARKETING;
        }
        throw new ForbiddenException("User " + user + " may not propose a change to the agreement: it takes one of "
                + "the groups " + MARKETING_PROPOSERS + " (MQL definition, lead fit) or " + SALES_PROPOSERS
                + " (SLA ladder, routing, targets).");
    }

    /** The group whose managers review a side's proposal. */
    static String reviewerGroup(Agreement.Side proposer) {
        return proposer == Agreement.Side.MARKETING ? Groups.SALES_MANAGERS : Groups.MARKETING_MANAGERS;
    }

    /** The agreement the proposal would make, checked field by field; signed by the proposer for their side. */
    Agreement draft(int number, Proposal p, String proposer, Agreement.Side side) {
        Agreement current = inForce();
        List<FieldProblem> problems = new ArrayList<>();
        boolean marketing = side == Agreement.Side.MARKETING;
        Agreement.Decisions now = current.decisions();
        int mql = version(p.mqlDefinitionVersion(), now.mqlDefinition(), "mqlDefinitionVersion",
                Agreement.MQL_DEFINITION, marketing, problems);
        int fit = version(p.leadFitVersion(), now.leadFit(), "leadFitVersion", Agreement.LEAD_FIT, marketing,
                problems);
        int sla = version(p.slaPolicyVersion(), now.slaPolicy(), "slaPolicyVersion", Agreement.SLA_POLICY,
                !marketing, problems);
        int routing = version(p.leadRoutingVersion(), now.leadRouting(), "leadRoutingVersion",
                Agreement.LEAD_ROUTING, !marketing, problems);
        Agreement.Targets t = current.targets();
        Agreement.Targets targets = new Agreement.Targets(
                share(p.targetSlaCompliance(), t.slaCompliance(), "targetSlaCompliance", !marketing, problems),
                share(p.targetAcceptance(), t.acceptance(), "targetAcceptance", !marketing, problems),
                share(p.targetSalToSql(), t.salToSql(), "targetSalToSql", !marketing, problems),
                share(p.targetDefinitionalShareMax(), t.definitionalShareMax(), "targetDefinitionalShareMax",
                        !marketing, problems));
        Agreement.Objectives o = current.objectives();
        Agreement.Objectives objectives = new Agreement.Objectives(
                count(p.objectiveMqls(), o.mqls(), "objectiveMqls", problems),
                count(p.objectiveSqls(), o.sqls(), "objectiveSqls", problems),
                amount(p.objectivePipeline(), o.pipeline(), "objectivePipeline", problems),
                amount(p.objectiveWonRevenue(), o.wonRevenue(), "objectiveWonRevenue", problems));
        LocalDate today = EngineClock.now().atZoneSameInstant(zone).toLocalDate();
        if (p.effectiveFrom() != null && !InputBounds.inRange(p.effectiveFrom())) {
            problems.add(new FieldProblem("effectiveFrom", InputBounds.OUT_OF_RANGE));
        } else if (p.effectiveFrom() != null && p.effectiveFrom().isBefore(today)) {
            problems.add(new FieldProblem("effectiveFrom", "must be today (" + today + ") or later"));
        }
        String summary = p.summary() == null ? null : p.summary().strip();
        if (summary == null || summary.isEmpty()) {
            problems.add(new FieldProblem("summary", "is required: what changes and why"));
        } else if (summary.length() > 1000 || !InputBounds.storable(summary)) {
            problems.add(new FieldProblem("summary", "must be at most 1000 characters of text"));
        }
        Catalogue was = Catalogue.of(current);
        Catalogue catalogue = new Catalogue(
                p.icp() == null ? was.icp() : CatalogueRules.icp(p.icp(), was.icp(), problems),
                p.personas() == null ? was.personas() : CatalogueRules.personas(p.personas(), problems));
        Agreement.Decisions decisions = new Agreement.Decisions(mql, sla, routing, fit);
        if (problems.isEmpty() && decisions.equals(now) && targets.equals(t) && objectives.equals(o)
                && catalogue.equals(was)) {
            problems.add(new FieldProblem("proposal", "changes nothing in the agreement in force ("
                    + current.number() + ")"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        OffsetDateTime at = EngineClock.now();
        Agreement.Signature signature = new Agreement.Signature(proposer, at);
        return new Agreement(number, Agreement.Status.PROPOSED, p.effectiveFrom(), null, null, decisions, targets,
                objectives, catalogue, summary, proposer, side, at, marketing ? signature : null,
                marketing ? null : signature, null);
    }

    /** Records a new proposal, numbered after the last agreement. */
    Agreement propose(Proposal proposal, String proposer, Agreement.Side side) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Agreement draft = draft(repository.nextNumber(), proposal, proposer, side);
            try {
                repository.insert(draft);
                return draft;
            } catch (DuplicateKeyException raced) {
                // Someone proposed at the same moment: take the next number.
            }
        }
        throw new IllegalStateException("Could not number the proposal");
    }

    /** The proposer's revision after a send-back: the reviewer's signature, if any, no longer counts. */
    Agreement revise(int number, Proposal proposal, String proposer) {
        Agreement before = find(number);
        if (before.status() != Agreement.Status.PROPOSED) {
            throw new InvalidInputException("agreementNumber", "agreement " + number + " is " + before.status()
                    + ", not a proposal");
        }
        Agreement revised = draft(number, proposal, proposer, before.proposedSide());
        repository.revise(revised);
        return find(number);
    }

    void comment(int number, String comment) {
        repository.comment(number, comment);
    }

    /** The reviewing side signs, naming the day the agreement takes effect. */
    Agreement sign(int number, String reviewer, List<String> reviewerGroups, LocalDate effectiveFrom) {
        Agreement proposal = find(number);
        String group = reviewerGroup(proposal.proposedSide());
        if (!reviewerGroups.contains(group)) {
            throw new ForbiddenException("User " + reviewer + " may not sign agreement " + number + " for the other "
                    + "side: it takes the group " + group + ".");
        }
        LocalDate today = EngineClock.now().atZoneSameInstant(zone).toLocalDate();
        if (effectiveFrom == null) {
            throw new InvalidInputException("effectiveFrom", "is required to sign: the day the agreement takes effect");
        }
        if (!InputBounds.inRange(effectiveFrom)) {
            throw new InvalidInputException("effectiveFrom", InputBounds.OUT_OF_RANGE);
        }
        if (effectiveFrom.isBefore(today)) {
            throw new InvalidInputException("effectiveFrom", "must be today (" + today + ") or later");
        }
        Agreement.Side side = proposal.proposedSide() == Agreement.Side.MARKETING ? Agreement.Side.SALES
                : Agreement.Side.MARKETING;
        repository.sign(number, side, reviewer, EngineClock.now(), effectiveFrom);
        return find(number);
    }

    void reject(int number) {
        repository.reject(number);
    }

    /** The signed proposal takes effect: from now, Handoff evaluates the decision versions it names. */
    Agreement putInForce(int number) {
        Agreement proposal = find(number);
        if (!proposal.signed()) {
            throw new IllegalStateException("Agreement " + number + " is not signed by both sides");
        }
        forget();
        repository.putInForce(number, EngineClock.now());
        return find(number);
    }

    /** The start of the day the agreement takes effect, in the business-hours zone. */
    Instant effectiveInstant(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    private int version(Integer proposed, int inForce, String field, String key, boolean mayChange,
            List<FieldProblem> problems) {
        if (proposed == null || proposed == inForce) {
            return inForce;
        }
        if (!mayChange) {
            problems.add(new FieldProblem(field, "is the other side's to propose (" + key + " stays v" + inForce
                    + ")"));
        } else if (proposed < 1 || proposed > latestVersion(key)) {
            problems.add(new FieldProblem(field, "must be a deployed version of " + key + " (1 to "
                    + latestVersion(key) + ")"));
        }
        return proposed;
    }

    private static double share(Double proposed, double inForce, String field, boolean mayChange,
            List<FieldProblem> problems) {
        if (proposed == null || proposed == inForce) {
            return inForce;
        }
        if (!mayChange) {
            problems.add(new FieldProblem(field, "is for sales managers to propose"));
        } else if (proposed.isNaN() || proposed < 0 || proposed > 1) {
            problems.add(new FieldProblem(field, "must be a share between 0 and 1"));
        } else if (BigDecimal.valueOf(proposed).stripTrailingZeros().scale() > 4) {
            problems.add(new FieldProblem(field, "must have at most 4 decimals"));
        }
        return proposed;
    }

    private static Integer count(Integer proposed, Integer inForce, String field, List<FieldProblem> problems) {
        if (proposed == null) {
            return inForce;
        }
        if (proposed < 0) {
            problems.add(new FieldProblem(field, "must be 0 or more"));
        }
        return proposed;
    }

    private static BigDecimal amount(BigDecimal proposed, BigDecimal inForce, String field,
            List<FieldProblem> problems) {
        if (proposed == null) {
            return inForce;
        }
        if (proposed.signum() < 0 || proposed.compareTo(BigDecimal.valueOf(MAX_OBJECTIVE)) > 0
                || proposed.stripTrailingZeros().scale() > 2) {
            problems.add(new FieldProblem(field, "must be 0 to " + BigDecimal.valueOf(MAX_OBJECTIVE).toPlainString()
                    + " with at most 2 decimals"));
        }
        return proposed;
    }
}
