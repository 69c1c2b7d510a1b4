package dev.handoff.routing;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the next rep of a team: among those active, available, under capacity and not excluded for this
 * lead, the one who was assigned least recently (never assigned first, then by user id).
 */
public final class RoundRobin {

    /** One rep as routing saw it: eligible, or why not. */
    public record Considered(String rep, boolean eligible, String reason, long openLeads, int capacity) {
    }

    record Choice(Optional<String> chosen, List<Considered> considered) {
    }

    static Choice choose(List<Rep> team, Set<String> excluded, OffsetDateTime now) {
        List<Considered> considered = new ArrayList<>();
        List<Rep> eligible = new ArrayList<>();
        for (Rep rep : team) {
            String reason = null;
            if (excluded.contains(rep.userId())) {
                reason = "excluded for this lead (rejected it as misrouted or let its SLA lapse)";
            } else if (!rep.active()) {
                reason = "inactive";
            } else if (!rep.isAvailableAt(now)) {
                reason = "unavailable" + (rep.availableFrom() == null ? "" : " until " + rep.availableFrom());
            } else if (rep.openLeads() >= rep.capacity()) {
                reason = "at capacity (" + rep.openLeads() + " of " + rep.capacity() + " open leads)";
            } else {
                eligible.add(rep);
            }
            considered.add(new Considered(rep.userId(), reason == null, reason, rep.openLeads(), rep.capacity()));
        }
        Optional<String> chosen = eligible.stream()
                .min(Comparator.comparing(Rep::lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Rep::userId))
                .map(Rep::userId);
        return new Choice(chosen, considered);
    }

    private RoundRobin() {
    }
}
