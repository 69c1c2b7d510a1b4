package dev.handoff.resilience;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.handoff.support.HandoffNode;

/**
 * What writing each commit before answering costs lead intake on H2: the default (WRITE_DELAY=0) and H2's own
 * default (commits written up to 500 ms later) run as two JVMs side by side, and four client threads post complete
 * MQLs to each in interleaved 10-second slices after a shared warm-up. The machine is shared: read the ratio.
 * Run with {@code scripts/durability-benchmark.sh} (after {@code ./mvnw package}).
 */
public final class DurabilityBenchmark {

    public static void main(String[] args) throws Exception {
        int slices = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path work = Files.createTempDirectory("handoff-durability");
        try (HandoffNode durable = Resilience.h2Node("bench-durable", work.resolve("durable"));
                HandoffNode delayed = Resilience.h2Node("bench-delayed", work.resolve("delayed"),
                        "--spring.datasource.url=jdbc:h2:file:./data/handoff;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=500;"
                                + "LOCK_TIMEOUT=10000")) {
            durable.start();
            delayed.start();
            durable.awaitUp(Resilience.START_UP);
            delayed.awaitUp(Resilience.START_UP);
            slice(durable, 5_000);
            slice(delayed, 5_000);
            double durableTotal = 0;
            double delayedTotal = 0;
            for (int i = 0; i < slices; i++) {
                for (HandoffNode node : i % 2 == 0 ? List.of(durable, delayed) : List.of(delayed, durable)) {
                    double rate = slice(node, 10_000);
                    System.out.printf("slice %d %-14s %6.1f leads/s%n", i + 1, node.name(), rate);
                    if (node == durable) {
                        durableTotal += rate;
                    } else {
                        delayedTotal += rate;
                    }
                }
            }
            System.out.printf("WRITE_DELAY=0 %.1f leads/s, WRITE_DELAY=500 %.1f leads/s: ratio %.2f%n",
                    durableTotal / slices, delayedTotal / slices, durableTotal / delayedTotal);
        }
    }

    private static double slice(HandoffNode node, long millis) {
        LeadLoad load = new LeadLoad(node.name() + "-" + System.nanoTime(), 4, node::port);
        HandoffNode.sleep(millis);
        load.close();
        long errors = load.answers().stream().filter(a -> !a.acknowledged()).count();
        if (errors > 0) {
            throw new IllegalStateException(errors + " leads not acknowledged on " + node.name());
        }
        return load.acknowledged().size() * 1000.0 / millis;
    }

    private DurabilityBenchmark() {
    }
}
