package dev.handoff.account;

import java.net.IDN;
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.handoff.identity.Groups;
import dev.handoff.platform.ConflictException;
import dev.handoff.platform.EngineClock;
import dev.handoff.platform.FieldProblem;
import dev.handoff.platform.InputBounds;
import dev.handoff.platform.InvalidInputException;
import dev.handoff.platform.NotFoundException;

/**
 * The account capability's face: accounts kept over the API or imported by CSV, and the match of a lead to an
 * account, decided by processes/account-matching.dmn from what Handoff finds by email domain and company name.
 */
@Service
public class Accounts {

    public static final String MATCHING_DECISION = "account-matching";
    /** Teams an account may belong to: the sales teams leads are routed to. */
    static final List<String> TEAMS = Groups.SALES;

    /**
     * What matching decided for a lead: the account (empty when none), how it matched ({@code email domain},
     * {@code company name} or {@code none}) and why, in the decision's words.
     */
    public record Match(Optional<Account> account, String matchedBy, String why, String domain) {
    }

    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}");
    private static final Set<String> LEGAL_FORMS = Set.of("inc", "incorporated", "llc", "ltd", "limited", "gmbh",
            "ag", "se", "sa", "sas", "sarl", "bv", "nv", "plc", "corp", "corporation", "co", "company", "kg", "ohg",
            "oy", "ab", "as", "spa", "srl", "pty", "ug", "mbh");

    private final AccountRepository repository;
    private final IdentityService identity;
    private final DecisionService decisions;
    private final FreeMailDomains freeMail;
    private final Validator validator;
    private final TransactionTemplate transaction;

    Accounts(AccountRepository repository, IdentityService identity, DecisionService decisions,
            FreeMailDomains freeMail, Validator validator, TransactionTemplate transaction) {
        this.repository = repository;
        this.identity = identity;
        this.decisions = decisions;
        this.freeMail = freeMail;
        this.validator = validator;
        this.transaction = transaction;
    }

    public Account create(AccountRequest request, String by) {
        Checked checked = check(request, 0);
        try {
            long id = transaction.execute(status -> repository.insert(request, checked.nameKey(), checked.domains(),
                    by, EngineClock.now()));
            return get(id);
        } catch (DuplicateKeyException raced) {
            throw new ConflictException("Another account took the name or one of the domains meanwhile; read the "
                    + "accounts and try again");
        }
    }

    public Account update(long id, AccountRequest request, String by) {
        get(id);
        Checked checked = check(request, id);
        try {
            transaction.executeWithoutResult(status -> repository.update(id, request, checked.nameKey(),
                    checked.domains(), by, EngineClock.now()));
        } catch (DuplicateKeyException raced) {
            throw new ConflictException("Another account took the name or one of the domains meanwhile; read the "
                    + "accounts and try again");
        }
        return get(id);
    }

    public void delete(long id) {
        if (!transaction.execute(status -> repository.delete(id))) {
            throw new NotFoundException("No account " + id);
        }
    }

    public Account get(long id) {
        return repository.find(id).orElseThrow(() -> new NotFoundException("No account " + id));
    }

    public List<Account> list(int page, int size) {
        return repository.list(size, page * size);
    }

    public long count() {
        return repository.count();
    }

    /** The id of the account with this name (as matching compares names), for an import that updates. */
    Optional<Long> idByName(String name) {
        return name == null ? Optional.empty() : repository.idByNameKey(nameKey(name));
    }

    /**
     * Matches a lead by its email's domain (or a parent domain: eu.acme.com finds acme.com) and its company name;
     * processes/account-matching.dmn decides which of the two counts, so process owners see and change the rule.
     */
    public Match match(String email, String company) {
        String domain = domainOf(email);
        boolean free = domain != null && freeMail.contains(domain);
        Optional<Account> byDomain = domain == null || free ? Optional.empty()
                : repository.byDomain(parentDomains(domain));
        String key = company == null ? "" : nameKey(company);
        Optional<Account> byCompany = key.isEmpty() ? Optional.empty() : repository.byNameKey(key);
        DmnDecisionResultEntries decision = decisions.evaluateDecisionByKey(MATCHING_DECISION)
                .variables(Variables.createVariables().putValue("freeMail", free)
                        .putValue("domainMatched", byDomain.isPresent())
                        .putValue("companyMatched", byCompany.isPresent()))
                .evaluate().getSingleResult();
        String matchedBy = decision.getEntry("matchedBy");
        String why = decision.getEntry("why");
        Optional<Account> account = switch (matchedBy) {
            case "email domain" -> byDomain;
            case "company name" -> byCompany;
            default -> Optional.empty();
        };
        return new Match(account, account.isPresent() ? matchedBy : "none", why, domain);
    }

    private record Checked(String nameKey, List<String> domains) {
    }

    /** Every problem of the request at once, each naming its field; a name or domain taken is a 409. */
    private Checked check(AccountRequest request, long self) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<ConstraintViolation<AccountRequest>> violations = validator.validate(request);
        violations.stream().sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .forEach(v -> problems.add(new FieldProblem(v.getPropertyPath().toString(), v.getMessage())));
        for (String[] field : new String[][] { { "name", request.name() }, { "owner", request.owner() },
                { "team", request.team() }, { "tier", request.tier() } }) {
            if (field[1] != null && !InputBounds.storable(field[1])) {
                problems.add(new FieldProblem(field[0], InputBounds.NOT_STORABLE));
            }
        }
        String key = request.name() == null ? null : nameKey(request.name());
        if (key != null && key.isEmpty()) {
            problems.add(new FieldProblem("name", "must hold letters or digits besides a legal form"));
        }
        List<String> domains = new ArrayList<>();
        if (request.domains() != null && request.domains().size() <= 50) {
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < request.domains().size(); i++) {
                String raw = request.domains().get(i);
                String domain = normalDomain(raw);
                String field = "domains[" + i + "]";
                if (domain == null) {
                    problems.add(new FieldProblem(field, "must be a domain name such as acme.com"));
                } else if (freeMail.contains(domain)) {
                    problems.add(new FieldProblem(field, domain + " is a free-mail domain, which never matches "
                            + "an account"));
                } else if (!seen.add(domain)) {
                    problems.add(new FieldProblem(field, "repeats " + domain));
                }
            }
            domains.addAll(seen);
        }
        if (request.team() != null && !TEAMS.contains(request.team())) {
            problems.add(new FieldProblem("team", "must be one of " + String.join(", ", TEAMS)));
        } else if (request.owner() != null && request.team() != null && InputBounds.storable(request.owner())
                && identity.createUserQuery().userId(request.owner()).memberOfGroup(request.team()).count() == 0) {
            problems.add(new FieldProblem("owner", "must be a member of team " + request.team()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        repository.idByNameKey(key).filter(id -> id != self).ifPresent(id -> {
            throw new ConflictException("Account " + id + " has this name already (names are compared without "
                    + "case, punctuation and legal form)");
        });
        Map<String, Long> taken = repository.domainOwners(domains, self);
        if (!taken.isEmpty()) {
            throw new ConflictException("Domain " + String.join(", ", taken.keySet()) + " belongs to account "
                    + taken.values().iterator().next() + " already");
        }
        return new Checked(key, domains);
    }

    /** The domain in lower case ASCII (IDNA), without a leading "@" or "www."; null if it is no domain name. */
    static String normalDomain(String raw) {
        if (raw == null || raw.isBlank() || !InputBounds.storable(raw)) {
            return null;
        }
        String domain = raw.strip().toLowerCase(Locale.ROOT);
        if (domain.startsWith("@")) {
            domain = domain.substring(1);
        }
        if (domain.startsWith("www.")) {
            domain = domain.substring(4);
        }
        try {
            domain = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return HOST.matcher(domain).matches() ? domain : null;
    }

    static String domainOf(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        return at < 0 ? null : normalDomain(email.substring(at + 1));
    }

    /** acme.com for eu.acme.com, most specific first; never a bare top-level domain. */
    static List<String> parentDomains(String domain) {
        List<String> candidates = new ArrayList<>();
        String d = domain;
        while (d.indexOf('.') > 0) {
            candidates.add(d);
            d = d.substring(d.indexOf('.') + 1);
        }
        return candidates;
    }

    /** "ACME, Inc." and "Acme Inc" are the same company: lower case, letters and digits only, legal form dropped. */
    static String nameKey(String name) {
        String text = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>(List.of(text.split("[^\\p{L}\\p{N}]+")));
        words.removeIf(String::isEmpty);
        while (words.size() > 1 && LEGAL_FORMS.contains(words.get(words.size() - 1))) {
            words.remove(words.size() - 1);
        }
        String key = String.join("", words);
        return key.length() > 200 ? key.substring(0, 200) : key;
    }
}
