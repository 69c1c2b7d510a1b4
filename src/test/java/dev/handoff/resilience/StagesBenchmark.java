package dev.handoff.resilience;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.platform.EngineClock;
import dev.handoff.support.Api;
import dev.handoff.support.HandoffNode;

/**
 * What the stage processes cost a lead: a lead's full path (captured as a complete MQL, accepted by its SDR, a
 * meeting booked on the first contact attempt, the discovery meeting held, the deal won through the CRM callback)
 * on Handoff before lead-lifecycle was split into stages (an earlier build's jar) and on this build, two JVMs side
 * by side on their own H2 files, one client thread, in interleaved slices after a warm-up on each. The machine is
 * shared: read the ratios. Run with {@code scripts/stages-benchmark.sh} (it builds the jar of the commit before).
 */
public final class StagesBenchmark {

    record FullPath(long intakeNanos, long fullNanos) {
    }

    public static void main(String[] args) throws Exception {
        Path before = Path.of(args[0]);
        int slices = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long sliceMillis = args.length > 2 ? Long.parseLong(args[2]) : 20_000;
        Path work = Files.createTempDirectory("handoff-stages");
        try (HandoffNode single = Resilience.h2Node("bench-single-plane", work.resolve("single")).withJar(before);
                HandoffNode stages = Resilience.h2Node("bench-stages", work.resolve("stages"))) {
            single.start();
            stages.start();
            single.awaitUp(Resilience.START_UP);
            stages.awaitUp(Resilience.START_UP);
            slice(single, 10_000);
            slice(stages, 10_000);
            List<FullPath> singlePaths = new ArrayList<>();
            List<FullPath> stagePaths = new ArrayList<>();
            for (int i = 0; i < slices; i++) {
                for (HandoffNode node : i % 2 == 0 ? List.of(single, stages) : List.of(stages, single)) {
                    List<FullPath> paths = slice(node, sliceMillis);
                    (node == single ? singlePaths : stagePaths).addAll(paths);
                    System.out.printf("slice %d %-18s %5.2f leads/s through the full path, intake p50 %4d ms,"
                            + " full path p50 %5d ms%n", i + 1, node.name(), paths.size() * 1000.0 / sliceMillis,
                            p50(paths, true), p50(paths, false));
                }
            }
            System.out.printf("%nsingle plane: intake p50 %d ms, full path p50 %d ms, %.2f leads/s%n",
                    p50(singlePaths, true), p50(singlePaths, false), singlePaths.size() * 1000.0 / slices / sliceMillis);
            System.out.printf("stages:       intake p50 %d ms, full path p50 %d ms, %.2f leads/s%n",
                    p50(stagePaths, true), p50(stagePaths, false), stagePaths.size() * 1000.0 / slices / sliceMillis);
            System.out.printf("ratio stages / single plane: intake time %.2f, full path time %.2f, rate %.2f%n",
                    (double) p50(stagePaths, true) / p50(singlePaths, true),
                    (double) p50(stagePaths, false) / p50(singlePaths, false),
                    (double) stagePaths.size() / singlePaths.size());
        }
    }

    /** Full paths, one after the other, for about {@code millis}. */
    private static List<FullPath> slice(HandoffNode node, long millis) {
        List<FullPath> paths = new ArrayList<>();
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            paths.add(fullPath(node));
        }
        return paths;
    }

    private static FullPath fullPath(HandoffNode node) {
        long start = System.nanoTime();
        Map<String, Object> body = new java.util.HashMap<>(Map.of("firstName", "Bench", "lastName", "Mark",
                "email", "bench-" + UUID.randomUUID() + "@acme.example", "phone", "+49 30 1234567", "jobTitle",
                "VP Sales", "company", "Acme GmbH", "companySize", 500, "industry", "Software", "country", "DE"));
        body.put("source", "inbound");
        body.put("engagements", List.of(Map.of("type", "demo_request", "occurredAt",
                EngineClock.now().minusMinutes(5).toString())));
        JsonNode lead = expect(node.as("intake").post("/api/leads", body), 201).json();
        long intake = System.nanoTime() - start;
        String id = lead.path("id").asText();
        String number = lead.path("number").asText();
        complete(node, number, "Task_AcceptLead", Map.of("salDecision", "accept"));
        complete(node, number, "Task_LogContactAttempt", Map.of("contactChannel", "phone",
                "contactOutcome", "meeting_booked"));
        complete(node, number, "Task_HoldDiscoveryMeeting", Map.of("meetingOutcome", "opportunity",
                "opportunityAmount", 25000));
        expect(node.as("intake").post("/api/leads/" + id + "/outcome", Map.of("outcome", "won", "amount", 25000)),
                200);
        return new FullPath(intake, System.nanoTime() - start);
    }

    /** As the task's assignee (demo users' password is their name), as Tasklist would. */
    private static void complete(HandoffNode node, String number, String taskKey, Map<String, Object> values) {
        JsonNode tasks = expect(node.as("admin").get("/engine-rest/task?processInstanceBusinessKey=" + number
                + "&taskDefinitionKey=" + taskKey), 200).json();
        if (tasks.size() != 1) {
            throw new IllegalStateException(number + ": " + tasks.size() + " tasks " + taskKey);
        }
        String assignee = tasks.get(0).path("assignee").asText();
        Map<String, Object> variables = new java.util.HashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        expect(node.as(assignee).post("/engine-rest/task/" + tasks.get(0).path("id").asText() + "/complete",
                Map.of("variables", variables)), 204);
    }

    private static Api.Response expect(Api.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException(response.status() + ": " + response.body());
        }
        return response;
    }

    private static long p50(List<FullPath> paths, boolean intake) {
        List<Long> nanos = new ArrayList<>(paths.stream().map(p -> intake ? p.intakeNanos() : p.fullNanos()).toList());
        Collections.sort(nanos);
        return nanos.isEmpty() ? 0 : nanos.get(nanos.size() / 2) / 1_000_000;
    }

    private StagesBenchmark() {
    }
}
