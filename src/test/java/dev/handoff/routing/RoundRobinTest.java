package dev.handoff.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RoundRobinTest {

    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 18, 10, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void takesTurnsFairlyAmongEligibleReps() {
        Map<String, Rep> team = new HashMap<>();
        for (String id : List.of("ann", "bob", "cyd")) {
            team.put(id, new Rep(id, true, true, null, 100, null, 0));
        }
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            String chosen = RoundRobin.choose(new ArrayList<>(team.values()), Set.of(), NOW).chosen().orElseThrow();
            counts.merge(chosen, 1, Integer::sum);
            Rep rep = team.get(chosen);
            team.put(chosen, new Rep(chosen, true, true, null, 100, NOW.plusSeconds(i), rep.openLeads()));
        }
        assertThat(counts).containsEntry("ann", 100).containsEntry("bob", 100).containsEntry("cyd", 100);
    }

    @Test
    void neverChoosesAnUnavailableInactiveFullOrExcludedRep() {
        Random random = new Random(42);
        for (int round = 0; round < 2_000; round++) {
            List<Rep> team = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                boolean available = random.nextBoolean();
                OffsetDateTime from = random.nextBoolean() ? NOW.plusHours(random.nextInt(48) - 24) : null;
                int capacity = random.nextInt(4);
                team.add(new Rep("rep" + i, random.nextInt(10) > 0, available, available ? null : from, capacity,
                        random.nextBoolean() ? null : NOW.minusMinutes(random.nextInt(1000)), random.nextInt(5)));
            }
            Set<String> excluded = random.nextBoolean() ? Set.of("rep" + random.nextInt(5)) : Set.of();
            RoundRobin.Choice choice = RoundRobin.choose(team, excluded, NOW);
            choice.chosen().ifPresent(id -> {
                Rep rep = team.stream().filter(r -> r.userId().equals(id)).findFirst().orElseThrow();
                assertThat(rep.active()).isTrue();
                assertThat(rep.isAvailableAt(NOW)).isTrue();
                assertThat(rep.openLeads()).isLessThan(rep.capacity());
                assertThat(excluded).doesNotContain(id);
            });
            long eligible = team.stream().filter(r -> r.active() && r.isAvailableAt(NOW)
                    && r.openLeads() < r.capacity() && !excluded.contains(r.userId())).count();
            assertThat(choice.chosen().isPresent()).isEqualTo(eligible > 0);
            assertThat(choice.considered()).hasSize(5);
        }
    }

    @Test
    void explainsWhyEachRepWasSkipped() {
        List<Rep> team = List.of(
                new Rep("away", true, false, NOW.plusDays(2), 10, null, 0),
                new Rep("back", true, false, NOW.minusHours(1), 10, NOW, 0),
                new Rep("full", true, true, null, 2, null, 2),
                new Rep("gone", false, true, null, 10, null, 0),
                new Rep("late", true, true, null, 10, null, 0));

        RoundRobin.Choice choice = RoundRobin.choose(team, Set.of("late"), NOW);

        assertThat(choice.chosen()).contains("back");
        assertThat(choice.considered()).extracting(RoundRobin.Considered::reason).containsExactly(
                "unavailable until " + NOW.plusDays(2), null, "at capacity (2 of 2 open leads)", "inactive",
                "excluded for this lead (rejected it as misrouted or let its SLA lapse)");
    }
}
