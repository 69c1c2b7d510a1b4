package dev.handoff.resilience;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * What the stage processes cost a lead: its intake ({@code POST /api/leads}, a complete MQL routed to an SDR with
 * its SLA clocks) and its full path (captured, accepted by its SDR, a meeting booked on the first contact attempt,
 * the discovery meeting held, the deal won through the CRM callback), on two JVMs side by side on their own H2
 * files, one client thread, in interleaved slices after a warm-up on each, first intake alone, then full paths.
 * The peer of this build is either this build with lead-lifecycle's last single-plane version (before the split,
 * the upgrade test's) deployed as the latest ({@code model}: only the model differs), or an earlier build's jar.
 * Beside each time it prints the server CPU per lead (the node JVM's CPU time over the slice, every thread),
 * which a busy machine disturbs far less than the time. Last, on each node in turn, every lead still waiting for
 * its SDR breaches at once (server CPU per breach). The machine is shared: read the ratios. Run with
 * {@code scripts/stages-benchmark.sh}.
 */
public final class StagesBenchmark {

    record FullPath(long intakeNanos, long fullNanos) {
    }

    /** One node's slice: the paths it ran, and the server CPU it spent on them (all its threads). */
    record Slice(List<FullPath> paths, long cpuNanos) {
    }

    public static void main(String[] args) throws Exception {
        boolean sameBuild = args[0].equals("model");
        int slices = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long sliceMillis = args.length > 2 ? Long.parseLong(args[2]) : 20_000;
        Path work = Files.createTempDirectory("handoff-stages");
        // Spring arguments for both nodes, e.g. -Dbench.args=--camunda.bpm.history-level=activity
        String[] nodeArguments = System.getProperty("bench.args", "").isBlank() ? new String[0]
                : System.getProperty("bench.args").trim().split("\\s+");
        // AUTO_SERVER: each node opens its file embedded; this JVM makes the breach timers due through its server.
        List<String> withServer = new ArrayList<>(List.of(nodeArguments));
        withServer.add("--spring.datasource.url=jdbc:h2:file:./data/handoff;WRITE_DELAY=0;LOCK_TIMEOUT=10000;"
                + "AUTO_SERVER=TRUE");
        nodeArguments = withServer.toArray(String[]::new);
        HandoffNode singleNode = Resilience.h2Node("bench-single-plane", work.resolve("single"), nodeArguments);
        try (HandoffNode single = sameBuild ? singleNode : singleNode.withJar(Path.of(args[0]));
                HandoffNode stages = Resilience.h2Node("bench-stages", work.resolve("stages"), nodeArguments)) {
            single.start();
            stages.start();
            single.awaitUp(Resilience.START_UP);
            stages.awaitUp(Resilience.START_UP);
            if (sameBuild) {
                deploySinglePlane(single);
            }
            System.out.println(sameBuild ? "Both nodes run this build; bench-single-plane has lead-lifecycle's last "
                    + "single-plane version (before the stages) deployed as the latest, so only the model differs."
                    : "bench-single-plane runs " + args[0] + ", bench-stages this build.");
            slice(single, 10_000, false);
            slice(stages, 10_000, false);
            for (boolean intakeOnly : List.of(true, false)) {
                String what = intakeOnly ? "intake" : "full path";
                List<Slice> singleSlices = new ArrayList<>();
                List<Slice> stageSlices = new ArrayList<>();
                for (int i = 0; i < slices; i++) {
                    for (HandoffNode node : i % 2 == 0 ? List.of(single, stages) : List.of(stages, single)) {
                        Slice slice = slice(node, sliceMillis, intakeOnly);
                        (node == single ? singleSlices : stageSlices).add(slice);
                        System.out.printf("%-9s slice %d %-18s %6.2f leads/s, p50 %5d ms, server CPU %4.0f ms per "
                                + "lead, load %s%n", what, i + 1, node.name(), slice.paths().size() * 1000.0
                                / sliceMillis, p50(slice.paths(), intakeOnly), cpuMillisPerLead(List.of(slice)),
                                readLoad());
                    }
                }
                List<FullPath> singlePaths = singleSlices.stream().flatMap(x -> x.paths().stream()).toList();
                List<FullPath> stagePaths = stageSlices.stream().flatMap(x -> x.paths().stream()).toList();
                System.out.printf("%n%s, single plane: p50 %d ms, %.0f ms server CPU per lead, %.2f leads/s%n", what,
                        p50(singlePaths, intakeOnly), cpuMillisPerLead(singleSlices),
                        singlePaths.size() * 1000.0 / slices / sliceMillis);
                System.out.printf("%s, stages:       p50 %d ms, %.0f ms server CPU per lead, %.2f leads/s%n", what,
                        p50(stagePaths, intakeOnly), cpuMillisPerLead(stageSlices),
                        stagePaths.size() * 1000.0 / slices / sliceMillis);
                System.out.printf("%s, ratio stages / single plane: time p50 %.2f, server CPU per lead %.2f, rate "
                        + "%.2f%n%n", what, (double) p50(stagePaths, intakeOnly) / p50(singlePaths, intakeOnly),
                        cpuMillisPerLead(stageSlices) / cpuMillisPerLead(singleSlices),
                        (double) stagePaths.size() / singlePaths.size());
            }
            double singleBreach = breaches(single, work.resolve("single"));
            double stageBreach = breaches(stages, work.resolve("stages"));
            System.out.printf("breaches, ratio stages / single plane: server CPU per breach %.2f%n",
                    stageBreach / singleBreach);
        }
    }

    /**
     * Every lead of the slices that still waits for its SDR's decision breaches at once: their acceptance timers
     * are made due together, and each lead is rerouted to another SDR with a fresh SLA (in the stages, out of its
     * sales-acceptance stage and into a new one). One node at a time; returns the server CPU per breach.
     */
    private static double breaches(HandoffNode node, Path workDir) {
        String url = "jdbc:h2:file:" + workDir.resolve("data/handoff").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        java.sql.Timestamp due = new java.sql.Timestamp(System.currentTimeMillis());
        long cpuBefore = cpuNanos(node);
        long start = System.nanoTime();
        int made = Resilience.update(url, "update ACT_RU_JOB set DUEDATE_ = ? where JOB_DEF_ID_ in "
                + "(select ID_ from ACT_RU_JOBDEF where ACT_ID_ = 'Event_AcceptSlaBreached')", due);
        String handled = "select count(distinct lead_id) from sla_breach where kind = 'ACCEPT' and breached_at >= ?";
        long count = 0;
        while (System.nanoTime() - start < Duration.ofSeconds(Math.max(300, made)).toNanos()) {
            count = Resilience.count(url, handled, due);
            if (count >= made) {
                break;
            }
            HandoffNode.sleep(200);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMillis = (cpuNanos(node) - cpuBefore) / 1e6 / Math.max(1, count);
        System.out.printf("breaches  %-18s %d due at once, %d handled in %.1f s (%.1f/s), server CPU %4.0f ms per "
                + "breach, load %s%n", node.name(), made, count, seconds, count / seconds, cpuMillis,
                readLoad());
        return cpuMillis;
    }

    private static String readLoad() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).substring(0, 14);
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double cpuMillisPerLead(List<Slice> slices) {
        long cpu = slices.stream().mapToLong(Slice::cpuNanos).sum();
        int leads = slices.stream().mapToInt(x -> x.paths().size()).sum();
        return leads == 0 ? 0 : cpu / 1e6 / leads;
    }

    /** Leads one after the other for about {@code millis}: only captured, or each through its full path. */
    private static Slice slice(HandoffNode node, long millis, boolean intakeOnly) {
        long cpuBefore = cpuNanos(node);
        List<FullPath> paths = new ArrayList<>();
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            paths.add(fullPath(node, intakeOnly));
        }
        return new Slice(paths, cpuNanos(node) - cpuBefore);
    }

    private static long cpuNanos(HandoffNode node) {
        return ProcessHandle.of(node.pid()).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos)
                .orElse(0L);
    }

    private static FullPath fullPath(HandoffNode node, boolean intakeOnly) {
        long start = System.nanoTime();
        Map<String, Object> body = new java.util.HashMap<>(Map.of("firstName", "Bench", "lastName", "Mark",
                "email", "bench-" + UUID.randomUUID() + "@acme.example", "phone", "+49 30 1234567", "jobTitle",
                "VP Sales", "company", "Acme GmbH", "companySize", 500, "industry", "Software", "country", "DE"));
        body.put("source", "inbound");
        body.put("engagements", List.of(Map.of("type", "demo_request", "occurredAt",
                EngineClock.now().minusMinutes(5).toString())));
        JsonNode lead = expect(node.as("intake").post("/api/leads", body), 201).json();
        long intake = System.nanoTime() - start;
        if (intakeOnly) {
            return new FullPath(intake, intake);
        }
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

    /** Deploys the single-plane lifecycle of the upgrade test as the latest version, as Modeler would. */
    private static void deploySinglePlane(HandoffNode node) throws Exception {
        byte[] bpmn;
        try (var in = StagesBenchmark.class.getResourceAsStream("/upgrade/lead-lifecycle-single-plane.bpmn")) {
            bpmn = in.readAllBytes();
        }
        String boundary = "----bench" + UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n"
                + "lead-lifecycle single plane\r\n--" + boundary + "\r\nContent-Disposition: form-data; "
                + "name=\"lead-lifecycle.bpmn\"; filename=\"lead-lifecycle.bpmn\"\r\nContent-Type: "
                + "application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.write(bpmn);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        expect(node.as("admin").postBytes("/engine-rest/deployment/create", "multipart/form-data; boundary="
                + boundary, body.toByteArray()), 200);
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
