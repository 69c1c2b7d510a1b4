package dev.handoff.routing;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.handoff.platform.EngineClock;
import dev.handoff.platform.InvalidInputException;
import dev.handoff.platform.NotFoundException;

/** The routing capability's face: who is in a team, who may take a lead now, and whose turn it is. */
@Service
public class Reps {

    /** The outcome of one routing: the chosen rep (empty when nobody is eligible) and everyone considered. */
    public record Routing(String team, Optional<String> chosen, List<RoundRobin.Considered> considered) {
    }

    public record Update(Boolean active, Boolean available, OffsetDateTime availableFrom, Integer capacity) {
    }

    private final RepRepository repository;
    private final IdentityService identity;
    private final RoutingSettings settings;
    private final TransactionTemplate savepoint;

    Reps(RepRepository repository, IdentityService identity, RoutingSettings settings,
            PlatformTransactionManager transactions) {
        this.repository = repository;
        this.identity = identity;
        this.settings = settings;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Takes the next turn in a team's round robin; joins the caller's transaction so the turn and the assignment commit together. */
    @Transactional(propagation = Propagation.REQUIRED)
    public Routing next(String team, Set<String> excluded) {
        OffsetDateTime now = EngineClock.now();
        List<String> members = members(team);
        ensureCommitted(members, now);
        RoundRobin.Choice choice = RoundRobin.choose(repository.lockAll(members), excluded, now);
        choice.chosen().ifPresent(rep -> repository.markAssigned(rep, now));
        return new Routing(team, choice.chosen(), choice.considered());
    }

    /**
     * Takes a lead for one rep (an account's owner) if routing's rules let that rep take it now: member of the
     * team, active, available, under capacity and not excluded for this lead. {@code considered} says why not.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public Routing direct(String team, String userId, Set<String> excluded) {
        if (!isMember(userId, team)) {
            return new Routing(team, Optional.empty(),
                    List.of(new RoundRobin.Considered(userId, false, "not a member of team " + team, 0, 0)));
        }
        OffsetDateTime now = EngineClock.now();
        ensureCommitted(List.of(userId), now);
        RoundRobin.Choice choice = RoundRobin.choose(repository.lockAll(List.of(userId)), excluded, now);
        choice.chosen().ifPresent(rep -> repository.markAssigned(rep, now));
        return new Routing(team, choice.chosen(), choice.considered());
    }

    /**
     * Creates missing rep rows behind a savepoint of the lead's transaction: when two leads are routed at once to
     * a team whose reps have no row yet, the second insert of a rep fails, and only back to the savepoint (on
     * PostgreSQL a failed statement would fail the whole transaction); it then finds the row the other committed.
     * The same connection: a transaction of its own would need a second one per lead and starve the pool.
     */
    private void ensureCommitted(List<String> members, OffsetDateTime now) {
        if (members.isEmpty() || repository.existing(members) == members.size()) {
            return;
        }
        try {
            savepoint.executeWithoutResult(status -> repository.ensure(members, settings.defaultCapacity(), now));
        } catch (DuplicateKeyException concurrentlyCreated) {
            savepoint.executeWithoutResult(status -> repository.ensure(members, settings.defaultCapacity(), now));
        }
    }

    /** Whether the user belongs to the team (group) a lead is routed to. */
    public boolean isMember(String userId, String team) {
        return userId != null && identity.createUserQuery().userId(userId).memberOfGroup(team).count() > 0;
    }

    public List<Rep> list(String team) {
        List<String> members = members(team);
        repository.ensure(members, settings.defaultCapacity(), EngineClock.now());
        return repository.findAll(members);
    }

    @Transactional
    public Rep update(String userId, Update update, String by) {
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            throw new NotFoundException("No user " + userId);
        }
        if (update.capacity() != null && update.capacity() < 0) {
            throw new InvalidInputException("capacity", "must be 0 or more open leads");
        }
        OffsetDateTime now = EngineClock.now();
        repository.ensure(List.of(userId), settings.defaultCapacity(), now);
        Rep current = repository.find(userId).orElseThrow();
        boolean available = update.available() != null ? update.available() : current.available();
        OffsetDateTime availableFrom = update.available() != null && update.available() ? null
                : update.availableFrom() != null ? update.availableFrom() : current.availableFrom();
        repository.update(userId, update.active() != null ? update.active() : current.active(), available,
                availableFrom, update.capacity() != null ? update.capacity() : current.capacity(), by, now);
        return repository.find(userId).orElseThrow();
    }

    public Rep get(String userId) {
        if (identity.createUserQuery().userId(userId).count() == 0) {
            throw new NotFoundException("No user " + userId);
        }
        repository.ensure(List.of(userId), settings.defaultCapacity(), EngineClock.now());
        return repository.find(userId).orElseThrow();
    }

    private List<String> members(String team) {
        return identity.createUserQuery().memberOfGroup(team).list().stream().map(User::getId).sorted().toList();
    }
}
