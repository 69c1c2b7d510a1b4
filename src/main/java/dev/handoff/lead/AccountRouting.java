package dev.handoff.lead;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.handoff.account.Account;
import dev.handoff.account.Accounts;
import dev.handoff.platform.InputBounds;
import dev.handoff.routing.Reps;

/**
 * The account step of routing an MQL: a lead matched to an account goes to the account's owner if the owner may
 * take it now (skipping round robin); otherwise {@code choice} is null and round robin routes it, with
 * {@code reason} saying which account matched and why its owner did not get it.
 */
record AccountRouting(Accounts.Match match, Reps.Routing choice, String reason, String note,
        Map<String, Object> detail) {

    /** lead_event.reason holds 300 characters. */
    private static final int REASON_LENGTH = 300;

    boolean owned() {
        return choice != null;
    }

    static AccountRouting route(Accounts.Match match, Reps reps, Set<String> excluded) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("matchedBy", match.matchedBy());
        detail.put("why", match.why());
        if (match.account().isEmpty()) {
            return new AccountRouting(match, null, fit("no account: " + match.why()), null, detail);
        }
        Account account = match.account().get();
        detail.put("accountId", account.id());
        detail.put("accountName", account.name());
        detail.put("accountOwner", account.owner());
        detail.put("accountTeam", account.team());
        String name = InputBounds.abbreviate(account.name());
        String matched = "account " + name + " (id " + account.id() + ") matched by " + match.matchedBy() + ": "
                + match.why();
        Reps.Routing direct = reps.direct(account.team(), account.owner(), excluded);
        if (direct.chosen().isPresent()) {
            detail.put("ownerEligible", true);
            return new AccountRouting(match, direct, fit(matched + "; its owner " + account.owner() + " takes it"),
                    fit("the owner of account " + name), detail);
        }
        String why = direct.considered().isEmpty() ? "not in routing" : direct.considered().get(0).reason();
        detail.put("ownerEligible", false);
        detail.put("ownerReason", why);
        return new AccountRouting(match, null, fit(matched + "; its owner " + account.owner() + " may not take it now ("
                + why + "), so round robin routes it"), fit("account " + name + "'s owner " + account.owner()
                        + " may not take it now: " + why), detail);
    }

    private static String fit(String text) {
        return text.length() <= REASON_LENGTH ? text : text.substring(0, REASON_LENGTH - 1) + "…";
    }
}
