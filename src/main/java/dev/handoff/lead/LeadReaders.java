package dev.handoff.lead;

import static dev.handoff.identity.Groups.*;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.handoff.platform.CurrentUser;
import dev.handoff.platform.ForbiddenException;

/**
 * Who reads which leads, with their personal data, through Handoff's API: marketing ops, demand generation,
 * both managers' groups, admins and the integration (to reconcile what it pushed) read every lead; a rep
 * (SDR or AE) the leads they own and the unrouted leads of their team, which they may assign; content
 * marketing none.
 */
@Component
class LeadReaders {

    static final List<String> READ_ALL = List.of(ADMIN, MARKETING_OPS, DEMAND_GEN, MARKETING_MANAGERS, SALES_MANAGERS,
            INTEGRATION);
    static final List<String> REPS = List.of(SDR, AE);

    /** Every lead, or the caller's own and their teams' unrouted ones. */
    record Scope(boolean all, String owner, List<String> unroutedTeams) {
        boolean covers(Lead lead) {
            return all || owner.equals(lead.owner()) || lead.owner() == null && unroutedTeams.contains(lead.team());
        }
    }

    static final Scope EVERY_LEAD = new Scope(true, null, List.of());

    private final CurrentUser user;

    LeadReaders(CurrentUser user) {
        this.user = user;
    }

    Scope scope() {
        if (user.isInAny(READ_ALL)) {
            return EVERY_LEAD;
        }
        List<String> teams = user.groups().stream().filter(REPS::contains).toList();
        if (teams.isEmpty()) {
            throw new ForbiddenException("User " + user.id() + " may not read leads: it takes one of the groups "
                    + READ_ALL + ", or " + REPS + " for their own leads.");
        }
        return new Scope(false, user.id(), teams);
    }

    void requireReadable(Lead lead) {
        if (!scope().covers(lead)) {
            throw new ForbiddenException("User " + user.id() + " may read only the leads they own and the unrouted "
                    + "leads of their team; lead " + lead.id() + " is not one of them.");
        }
    }
}
