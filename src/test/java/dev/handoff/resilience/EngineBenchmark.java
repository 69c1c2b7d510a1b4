package dev.handoff.resilience;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.handoff.support.HandoffNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Handoff against the engine it runs on, in one JVM and one database: the raw engine (a minimal process through
 * /engine-rest: start, one user task with a due date and a boundary timer, end) and Handoff's lead intake
 * (complete MQLs routed to an SDR with their SLA clocks) in interleaved slices at 1, 2 and 4 client threads; an
 * SLA breach storm (N breach timers made due at one instant) after as many of the raw peer's timers (each moves
 * its instance on to a second user task with a timer of its own); a CSV import until every lead is judged; start-up
 * time, heap after a full GC, and whether intake holds as the database grows. The machine's cores and load are
 * printed beside every figure: on a shared machine, read the ratios.
 * <p>
 * Run with {@code scripts/benchmark-engine.sh [h2|postgres|jdbc:postgresql://...] [key=value...]}; the keys and
 * their defaults are in {@link Settings}.
 */
public final class EngineBenchmark {

    /** Every size is a parameter, so that a short run is possible: {@code storm=2000 import=2000 slice=5}. */
    record Settings(String db, int slice, int rounds, int warmup, List<Integer> threads, int storm, int rows,
            List<Integer> grow, int nodes, String jvm, int stormTimeout) {

        static Settings parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>(Map.of("slice", "10", "rounds", "2", "warmup", "10",
                    "threads", "1,2,4", "storm", "10000", "import", "10000", "grow", "", "nodes", "1",
                    "jvm", "-Xmx1g", "storm-timeout", "0"));
            String db = "h2";
            for (String arg : args) {
                int at = arg.indexOf('=');
                if (arg.startsWith("jdbc:") || at < 0) {
                    db = arg;
                } else if (values.containsKey(arg.substring(0, at))) {
                    values.put(arg.substring(0, at), arg.substring(at + 1));
                } else {
                    throw new IllegalArgumentException("Unknown setting " + arg + "; known: " + values.keySet());
                }
            }
            return new Settings(db, Integer.parseInt(values.get("slice")), Integer.parseInt(values.get("rounds")),
                    Integer.parseInt(values.get("warmup")), numbers(values.get("threads")),
                    Integer.parseInt(values.get("storm")), Integer.parseInt(values.get("import")),
                    numbers(values.get("grow")), Integer.parseInt(values.get("nodes")), values.get("jvm"),
                    Integer.parseInt(values.get("storm-timeout")));
        }

        private static List<Integer> numbers(String list) {
            return list.isBlank() ? List.of() : Arrays.stream(list.split(",")).map(String::trim)
                    .map(Integer::parseInt).toList();
        }
    }

    private static final String RAW_PROCESS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_BenchRaw"
                targetNamespace="http://handoff.dev/benchmark">
              <bpmn:process id="bench-raw" name="Raw engine peer" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="Event_Start" />
                <bpmn:sequenceFlow id="Flow_1" sourceRef="Event_Start" targetRef="Task_Work" />
                <bpmn:userTask id="Task_Work" name="Work" camunda:assignee="admin" camunda:candidateGroups="sdr"
                    camunda:dueDate="${dueAt}" />
                <bpmn:boundaryEvent id="Event_Due" attachedToRef="Task_Work">
                  <bpmn:timerEventDefinition><bpmn:timeDate>${dueAt}</bpmn:timeDate></bpmn:timerEventDefinition>
                </bpmn:boundaryEvent>
                <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Work" targetRef="Event_Done" />
                <bpmn:sequenceFlow id="Flow_3" sourceRef="Event_Due" targetRef="Task_Again" />
                <bpmn:userTask id="Task_Again" name="Work again" camunda:assignee="admin" camunda:candidateGroups="sdr"
                    camunda:dueDate="${dueAt}" />
                <bpmn:boundaryEvent id="Event_DueAgain" attachedToRef="Task_Again">
                  <bpmn:timerEventDefinition><bpmn:timeDate>${dueAt}</bpmn:timeDate></bpmn:timerEventDefinition>
                </bpmn:boundaryEvent>
                <bpmn:sequenceFlow id="Flow_4" sourceRef="Task_Again" targetRef="Event_Done" />
                <bpmn:sequenceFlow id="Flow_5" sourceRef="Event_DueAgain" targetRef="Event_Late" />
                <bpmn:endEvent id="Event_Done" />
                <bpmn:endEvent id="Event_Late" />
              </bpmn:process>
            </bpmn:definitions>
            """;

    /** A busy shared machine starts a JVM slowly: -Dhandoff.bench.start-up=seconds (default 900). */
    private static final Duration START_UP = Duration.ofSeconds(Long.getLong("handoff.bench.start-up", 900));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36) + ProcessHandle.current().pid();

    private final Settings settings;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String jdbcUrl;
    private final String jdbcUser;
    private final HandoffNode node;

    private EngineBenchmark(Settings settings, String jdbcUrl, HandoffNode node) {
        this.settings = settings;
        this.jdbcUrl = jdbcUrl;
        this.jdbcUser = Resilience.user(jdbcUrl);
        this.node = node;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        Path work = Files.createTempDirectory("handoff-engine-benchmark");
        System.out.printf("Handoff engine benchmark: %s, jar %s, JVM %s%n  settings %s%n  machine %s%n",
                settings.db(), HandoffNode.jar(), settings.jvm(), settings, machine());
        EmbeddedPostgres postgres = null;
        try {
            String url;
            String[] dbArguments;
            if (settings.db().equals("h2")) {
                // AUTO_SERVER: the node opens the file embedded; this JVM reads it through the node's H2 server.
                url = "jdbc:h2:file:" + work.resolve("node-1/data/handoff").toAbsolutePath() + ";AUTO_SERVER=TRUE";
                dbArguments = new String[] {"--spring.datasource.url=jdbc:h2:file:./data/handoff;"
                        + "WRITE_DELAY=0;LOCK_TIMEOUT=10000;AUTO_SERVER=TRUE"};
            } else {
                if (settings.db().equals("postgres")) {
                    postgres = Resilience.postgres(work.resolve("pg"), HandoffNode.freePort());
                    url = Resilience.url(postgres);
                } else {
                    url = settings.db();
                }
                dbArguments = new String[] {"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                        "--spring.datasource.password="};
            }
            try (HandoffNode node = Resilience.h2Node("bench-" + RUN + "-1", work.resolve("node-1"), dbArguments)) {
                node.jvmOptions(List.of(settings.jvm().split(" ")));
                long started = System.nanoTime();
                node.start().awaitUp(START_UP);
                System.out.printf("%nstart-up (java -jar to health UP): %.1f s   [%s]%n",
                        (System.nanoTime() - started) / 1e9, machine());
                new EngineBenchmark(settings, url, node).run(work, dbArguments);
                // A graceful stop, so that a flight recording asked for in jvm= is written.
                node.stop();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private void run(Path work, String[] dbArguments) throws Exception {
        heap("0 leads");
        deployRawProcess();
        System.out.printf("warm-up: %d s of each kind at 2 threads%n", settings.warmup());
        for (Kind kind : Kind.values()) {
            slice(kind, 2, settings.warmup() * 1000L);
        }
        intake("intake at " + leads() + " existing leads", settings.threads(), settings.rounds());
        if (settings.storm() > 0) {
            storm(List.of(node), settings.storm());
            heap(leads() + " leads (" + openLeads() + " open tasks)");
            intake("intake after the storm, at " + leads() + " existing leads", List.of(max(settings.threads())), 1);
        }
        if (settings.rows() > 0) {
            importRows(settings.rows(), true);
        }
        for (int target : settings.grow()) {
            long have = leads();
            if (have < target) {
                System.out.printf("%ngrowing the database from %d to %d leads by import ...%n", have, target);
                importRows((int) (target - have), false);
            }
            heap(leads() + " leads (" + openLeads() + " open tasks)");
            intake("intake at " + leads() + " existing leads", List.of(max(settings.threads())), 1);
        }
        if (settings.nodes() > 1 && settings.storm() > 0) {
            if (jdbcUrl.startsWith("jdbc:h2:")) {
                System.out.println("\ntwo nodes: only on PostgreSQL (H2's file belongs to one JVM)");
                return;
            }
            List<HandoffNode> nodes = new ArrayList<>(List.of(node));
            try {
                for (int i = 2; i <= settings.nodes(); i++) {
                    HandoffNode other = Resilience.h2Node("bench-" + RUN + "-" + i, work.resolve("node-" + i),
                            dbArguments);
                    other.jvmOptions(List.of(settings.jvm().split(" "))).start().awaitUp(START_UP);
                    nodes.add(other);
                }
                storm(nodes, settings.storm());
            } finally {
                nodes.stream().skip(1).forEach(HandoffNode::close);
            }
        }
    }

    // ---- intake against the raw engine ----

    enum Kind {
        RAW_START("raw engine: start"), RAW_COMPLETE("raw engine: start + task query + complete"),
        INTAKE("Handoff POST /api/leads (MQL routed to an SDR)");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    record Slice(int done, int failed, double seconds, long[] latenciesNanos, long cpuNanos) {
        double rate() {
            return done / seconds;
        }
    }

    private void intake(String title, List<Integer> threadCounts, int rounds) {
        Map<String, List<Slice>> slices = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (int threads : threadCounts) {
                List<Kind> order = new ArrayList<>(List.of(Kind.values()));
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (Kind kind : order) {
                    slices.computeIfAbsent(kind + "/" + threads, k -> new ArrayList<>())
                            .add(slice(kind, threads, settings.slice() * 1000L));
                }
            }
        }
        System.out.printf("%n%s (%d x %d s slices, interleaved)   [%s]%n", title, rounds, settings.slice(), machine());
        StringBuilder header = new StringBuilder(String.format("  %-50s", "client threads"));
        threadCounts.forEach(t -> header.append(String.format("| %-30d", t)));
        System.out.println(header);
        for (Kind kind : Kind.values()) {
            StringBuilder line = new StringBuilder(String.format("  %-50s", kind.label));
            for (int threads : threadCounts) {
                Slice all = merge(slices.get(kind + "/" + threads));
                line.append(String.format("| %6.1f/s p50/95/99 %3d/%3d/%3d ms", all.rate(), percentile(all, 50),
                        percentile(all, 95), percentile(all, 99)));
            }
            System.out.println(line);
        }
        for (Kind kind : Kind.values()) {
            StringBuilder line = new StringBuilder(String.format("  %-50s", "server CPU ms per " + (kind == Kind.INTAKE
                    ? "lead" : "call") + " (" + kind.name().toLowerCase(Locale.ROOT) + ")"));
            for (int threads : threadCounts) {
                Slice all = merge(slices.get(kind + "/" + threads));
                line.append(String.format("| %-30.1f", all.done() == 0 ? 0 : all.cpuNanos() / 1e6 / all.done()));
            }
            System.out.println(line);
        }
        StringBuilder ratio = new StringBuilder(String.format("  %-50s", "RATIO intake / raw start"));
        StringBuilder failed = new StringBuilder(String.format("  %-50s", "failed calls (raw start/complete/intake)"));
        for (int threads : threadCounts) {
            ratio.append(String.format("| %-30.2f", merge(slices.get(Kind.INTAKE + "/" + threads)).rate()
                    / merge(slices.get(Kind.RAW_START + "/" + threads)).rate()));
            failed.append(String.format("| %-30s", merge(slices.get(Kind.RAW_START + "/" + threads)).failed() + "/"
                    + merge(slices.get(Kind.RAW_COMPLETE + "/" + threads)).failed() + "/"
                    + merge(slices.get(Kind.INTAKE + "/" + threads)).failed()));
        }
        System.out.println(ratio);
        System.out.println(failed);
    }

    private Slice slice(Kind kind, int threads, long millis) {
        List<long[]> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        long cpuBefore = cpuNanos();
        long start = System.nanoTime();
        long deadline = start + millis * 1_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                List<Long> mine = new ArrayList<>();
                while (System.nanoTime() < deadline) {
                    long before = System.nanoTime();
                    boolean ok = call(kind);
                    if (ok) {
                        mine.add(System.nanoTime() - before);
                    } else {
                        failed.incrementAndGet();
                    }
                }
                latencies.add(mine.stream().mapToLong(Long::longValue).toArray());
            }, "bench-" + kind + "-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).toArray();
        return new Slice(all.length, failed.get(), seconds, all, cpuNanos() - cpuBefore);
    }

    private boolean call(Kind kind) {
        switch (kind) {
            case INTAKE:
                String email = "bench-" + RUN + "-" + SEQUENCE.incrementAndGet() + "@benchmark.example";
                return LeadLoad.send(client, node.port(), email).status() == 201;
            case RAW_START:
                return startRaw() != null;
            default:
                String instance = startRaw();
                if (instance == null) {
                    return false;
                }
                JsonNode tasks = engine("GET", "/task?processInstanceId=" + instance, null);
                return tasks != null && tasks.size() == 1
                        && engine("POST", "/task/" + tasks.get(0).get("id").asText() + "/complete", "{}") != null;
        }
    }

    private String startRaw() {
        // A week out: no peer timer fires by itself during a run, only those a storm makes due.
        String due = LocalDateTime.now().plusDays(7).withNano(0).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        JsonNode started = engine("POST", "/process-definition/key/bench-raw/start", "{\"businessKey\": \"raw-"
                + SEQUENCE.incrementAndGet() + "\", \"variables\": {\"dueAt\": {\"value\": \"" + due
                + "\", \"type\": \"String\"}}}");
        return started == null ? null : started.get("id").asText();
    }

    /** A call of /engine-rest as the admin; null when it did not answer 2xx. */
    private JsonNode engine(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + node.port()
                + "/engine-rest" + path)).timeout(Duration.ofSeconds(30)).header("Authorization", basic("admin"));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                return null;
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void deployRawProcess() throws Exception {
        String boundary = "----bench" + RUN;
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nbench-raw\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deploy-changed-only\"\r\n\r\ntrue\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"bench-raw.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + RAW_PROCESS + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + node.port() + "/engine-rest/deployment/create")).header("Authorization", basic("admin"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Deploying the raw peer process: " + response.statusCode() + " "
                    + response.body());
        }
        if (startRaw() == null) {
            throw new IllegalStateException("The raw peer process does not start through /engine-rest");
        }
    }

    // ---- breach storm ----

    /**
     * The peer first: as many raw-engine instances, whose boundary timers, made due at one instant, each move their
     * instance on to a second user task with a timer of its own (what a breach does at the least: one task ends,
     * another begins, with its clock). Then Handoff's breach storm on the same nodes, and the ratio of the two.
     */
    private void storm(List<HandoffNode> nodes, int leads) throws Exception {
        double raw = rawStorm(nodes, leads);
        double handoff = breachStorm(nodes, leads);
        System.out.printf("  RATIO breaches/s / raw engine timers/s: %.2f   [%s]%n", handoff / raw, machine());
    }

    private double rawStorm(List<HandoffNode> nodes, int instances) throws Exception {
        List<String> jobs = timersCreatedBy(Kind.RAW_START, instances, "Event_Due",
                "raw engine timer storm on " + nodes.size() + " node(s)", "instances started");
        Timestamp due = new Timestamp(System.currentTimeMillis());
        int made = makeDue(jobs, due);
        Handled handled = awaitHandled(nodes, due, made,
                "select count(*) from ACT_RU_TASK where TASK_DEF_KEY_ = 'Task_Again' and CREATE_TIME_ >= ?",
                "select CREATE_TIME_ from ACT_RU_TASK where TASK_DEF_KEY_ = 'Task_Again' and CREATE_TIME_ >= ?");
        System.out.printf("  %d raw timers made due at one instant; last handled after %.1f s: %.1f timers/s%n"
                + "  lateness p50 %.1f s, p99 %.1f s; missed (not handled within %d s) %d; server CPU %.1f ms per timer"
                + "   [%s]%n", made, handled.last(), handled.rate(), handled.percentile(50), handled.percentile(99),
                handled.timeoutSeconds(), made - handled.count(), handled.cpuMillisEach(), machine());
        return handled.rate();
    }

    /** What a storm left: how many were handled, how late each was, and the nodes' CPU while it lasted. */
    private record Handled(long count, double firstSeconds, double[] lateness, long cpuNanos, long timeoutSeconds) {

        double last() {
            return lateness.length == 0 ? Double.NaN : lateness[lateness.length - 1];
        }

        double rate() {
            return lateness.length / last();
        }

        double percentile(int p) {
            return EngineBenchmark.percentile(lateness, p);
        }

        double cpuMillisEach() {
            return cpuNanos / 1e6 / Math.max(1, count);
        }
    }

    /**
     * Waits until {@code made} are handled ({@code countSql}, with the due instant as its parameter) or the
     * patience is spent: storm-timeout seconds, by default a second each (at least 5 minutes); whatever is not
     * handled by then counts as missed. {@code timesSql} gives the moment each was handled.
     */
    private Handled awaitHandled(List<HandoffNode> nodes, Timestamp due, int made, String countSql, String timesSql)
            throws SQLException {
        long dueNanos = System.nanoTime();
        long cpuBefore = nodes.stream().mapToLong(EngineBenchmark::cpuNanos).sum();
        long timeout = settings.stormTimeout() > 0 ? settings.stormTimeout() : Math.max(300, made);
        long count = 0;
        long firstAt = -1;
        while (System.nanoTime() - dueNanos < timeout * 1_000_000_000L) {
            count = Resilience.count(jdbcUrl, countSql, due);
            if (count > 0 && firstAt < 0) {
                firstAt = System.nanoTime();
            }
            if (count >= made) {
                break;
            }
            HandoffNode.sleep(200);
        }
        double[] lateness = timestamps(timesSql, due).stream()
                .mapToDouble(t -> (t.getTime() - due.getTime()) / 1000.0).sorted().toArray();
        long cpu = nodes.stream().mapToLong(EngineBenchmark::cpuNanos).sum() - cpuBefore;
        return new Handled(count, firstAt < 0 ? Double.NaN : (firstAt - dueNanos) / 1e9, lateness, cpu, timeout);
    }

    /** Makes {@code calls} calls of one kind at 4 threads; returns the timer jobs of {@code activityId} they made. */
    private List<String> timersCreatedBy(Kind kind, int calls, String activityId, String storm, String made)
            throws SQLException {
        String timers = "select ID_ from ACT_RU_JOB where JOB_DEF_ID_ in "
                + "(select ID_ from ACT_RU_JOBDEF where ACT_ID_ = '" + activityId + "')";
        Set<String> before = new HashSet<>(strings(timers));
        long created = System.nanoTime();
        Slice slice = post(kind, calls, 4);
        System.out.printf("%n%s: %d %s at 4 threads in %.1f s (%.1f/s, %d failed)%n", storm, slice.done(), made,
                (System.nanoTime() - created) / 1e9, slice.rate(), slice.failed());
        List<String> jobs = new ArrayList<>(strings(timers));
        jobs.removeAll(before);
        // Each node's job executor has done its part of the calls (a lead's routing runs in the request).
        HandoffNode.sleep(2_000);
        return jobs;
    }

    private int makeDue(List<String> jobs, Timestamp due) throws SQLException {
        int made = 0;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, jdbcUser, "");
                PreparedStatement update = connection.prepareStatement(
                        "update ACT_RU_JOB set DUEDATE_ = ? where ID_ = ?")) {
            connection.setAutoCommit(false);
            for (String job : jobs) {
                update.setTimestamp(1, due);
                update.setString(2, job);
                update.addBatch();
            }
            for (int n : update.executeBatch()) {
                made += n;
            }
            connection.commit();
        }
        return made;
    }

    private double breachStorm(List<HandoffNode> nodes, int leads) throws Exception {
        List<String> jobs = timersCreatedBy(Kind.INTAKE, leads, "Event_AcceptSlaBreached",
                "breach storm on " + nodes.size() + " node(s)", "leads posted");
        Timestamp due = new Timestamp(System.currentTimeMillis());
        int made = makeDue(jobs, due);
        Handled handled = awaitHandled(nodes, due, made,
                "select count(distinct lead_id) from sla_breach where kind = 'ACCEPT' and breached_at >= ?",
                "select max(breached_at) from sla_breach where kind = 'ACCEPT' and breached_at >= ? group by lead_id");
        long doubled = Resilience.count(jdbcUrl, "select count(*) from (select lead_id from sla_breach where "
                + "kind = 'ACCEPT' and breached_at >= ? group by lead_id having count(*) > 1) twice", due);
        System.out.printf("  %d breach timers made due at one instant; first handled after %.1f s, last after %.1f s: "
                + "%.1f breaches/s%n  lateness p50 %.1f s, p99 %.1f s; missed (not handled within %d s) %d, doubled %d; "
                + "server CPU %.1f ms per breach   [%s]%n", made, handled.firstSeconds(), handled.last(),
                handled.rate(), handled.percentile(50), handled.percentile(99), handled.timeoutSeconds(),
                made - handled.count(), doubled, handled.cpuMillisEach(), machine());
        return handled.rate();
    }

    /** {@code calls} calls of one kind from {@code threads} clients. */
    private Slice post(Kind kind, int calls, int threads) {
        AtomicInteger left = new AtomicInteger(calls);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                while (left.getAndDecrement() > 0) {
                    if (call(kind)) {
                        done.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        workers.forEach(w -> {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return new Slice(done.get(), failed.get(), (System.nanoTime() - start) / 1e9, new long[0], 0);
    }

    // ---- import ----

    private void importRows(int rows, boolean print) throws Exception {
        StringBuilder csv = new StringBuilder("externalId,firstName,lastName,email,phone,jobTitle,company,companySize,"
                + "industry,country,source,campaign,engagements\n");
        String[] titles = {"VP Sales", "CEO", "Marketing Manager", "Software Engineer", "Head of Growth", "Student",
            "Director IT", ""};
        String[] industries = {"Software", "SaaS", "Retail", "Manufacturing", "Education", "Healthcare", ""};
        String[] types = {"content_download", "webinar", "pricing_page", "demo_request", "email_click", "event_visit"};
        java.util.Random random = new java.util.Random(7);
        String tag = RUN + "-" + SEQUENCE.incrementAndGet();
        String now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).withNano(0).toString();
        for (int i = 0; i < rows; i++) {
            String engagements = random.nextInt(4) == 0 ? ""
                    : types[random.nextInt(types.length)] + "@" + java.time.OffsetDateTime.parse(now)
                            .minusHours(1 + random.nextInt(2000)).toString();
            csv.append(String.format("imp-%s-%d,Ben,Ch%d,imp-%s-%d@benchmark.example,+1 555 %04d,%s,Co %d,%d,%s,%s,%s,"
                    + "bench,%s%n", tag, i, i, tag, i, i % 10000, titles[random.nextInt(titles.length)], i % 500,
                    new int[] {5, 40, 120, 600, 3000}[random.nextInt(5)], industries[random.nextInt(industries.length)],
                    new String[] {"DE", "US", "GB", "FR"}[random.nextInt(4)],
                    new String[] {"inbound", "event", "partner"}[random.nextInt(3)], engagements));
        }
        long start = System.nanoTime();
        long cpuBefore = cpuNanos();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + node.port() + "/api/leads/import")).timeout(Duration.ofHours(2)).header("Authorization",
                basic("intake")).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(), HttpResponse.BodyHandlers.ofString());
        long answered = System.nanoTime();
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("import answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode report = JSON.readTree(response.body());
        while (leadsInStage("LEAD") > 0) {
            HandoffNode.sleep(500);
        }
        long judged = System.nanoTime();
        if (print) {
            System.out.printf("%nimport of %d rows: answered after %.1f s (created %s, duplicates %s, rejected %s), "
                    + "every lead judged after %.1f s (%.1f leads/s); server CPU %.1f ms per row   [%s]%n", rows,
                    (answered - start) / 1e9, report.path("created"), report.path("duplicates"), report.path("rejected"),
                    (judged - start) / 1e9, rows / ((judged - start) / 1e9), (cpuNanos() - cpuBefore) / 1e6 / rows,
                    machine());
        } else {
            System.out.printf("  imported %d rows, judged after %.1f s%n", rows, (judged - start) / 1e9);
        }
    }

    // ---- the node and the database ----

    private void heap(String what) {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(node.pid()), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher total = Pattern.compile("Total\\s+\\d+\\s+(\\d+)").matcher(output);
            System.out.printf("%nheap after a full GC with %s: %s   [%s]%n", what,
                    total.find() ? Long.parseLong(total.group(1)) / (1024 * 1024) + " MB" : "unknown (" + jcmd + ")",
                    machine());
        } catch (IOException e) {
            System.out.printf("%nheap after a full GC with %s: unknown (%s)%n", what, e);
        }
    }

    private static long cpuNanos(HandoffNode node) {
        return ProcessHandle.of(node.pid()).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos)
                .orElse(0L);
    }

    private long cpuNanos() {
        return cpuNanos(node);
    }

    private long leads() {
        return Resilience.count(jdbcUrl, "select count(*) from lead");
    }

    private long openLeads() {
        return Resilience.count(jdbcUrl, "select count(*) from ACT_RU_TASK");
    }

    private long leadsInStage(String stage) {
        return Resilience.count(jdbcUrl, "select count(*) from lead where stage = ?", stage);
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, jdbcUser, "");
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private List<Timestamp> timestamps(String sql, Timestamp parameter) throws SQLException {
        List<Timestamp> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, jdbcUser, "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getTimestamp(1));
                }
            }
        }
        return values;
    }

    // ---- figures ----

    static String machine() {
        String load;
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            load = parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            load = "unknown";
        }
        return Runtime.getRuntime().availableProcessors() + " cores, load " + load;
    }

    private static Slice merge(List<Slice> slices) {
        int done = 0;
        int failed = 0;
        double seconds = 0;
        long cpu = 0;
        List<long[]> latencies = new ArrayList<>();
        for (Slice slice : slices) {
            done += slice.done();
            failed += slice.failed();
            seconds += slice.seconds();
            cpu += slice.cpuNanos();
            latencies.add(slice.latenciesNanos());
        }
        return new Slice(done, failed, seconds, latencies.stream().flatMapToLong(Arrays::stream).toArray(), cpu);
    }

    private static long percentile(Slice slice, int p) {
        long[] sorted = slice.latenciesNanos().clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length)
                - 1)] / 1_000_000;
    }

    private static double percentile(double[] sorted, int p) {
        return sorted.length == 0 ? Double.NaN
                : sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1))];
    }

    private static int max(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).max().orElse(4);
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }
}
