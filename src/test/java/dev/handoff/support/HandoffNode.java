package dev.handoff.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Handoff as an operator runs it: the packaged jar in a JVM of its own (started with {@code java -jar}), which a
 * test can stop or kill with {@code kill -9} ({@link Process#destroyForcibly()} sends SIGKILL on Linux).
 * Needs the jar that {@code ./mvnw package} builds; the integration-test phase runs after it.
 */
public final class HandoffNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path workDir;
    private final List<String> arguments;
    private final int port;
    private final Path log;
    private static final List<String> TEST_JVM = List.of("-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private List<String> jvmOptions = TEST_JVM;
    private Process process;
    private int starts;
    private Path jar;

    private HandoffNode(String name, Path workDir, int port, List<String> arguments) {
        this.name = name;
        this.workDir = workDir;
        this.port = port;
        this.arguments = arguments;
        this.log = Path.of("target", "resilience", name + ".log").toAbsolutePath();
    }

    /**
     * A node named {@code name} (also its job lock owner) working in {@code workDir} (H2's {@code ./data} lies
     * there) with extra Spring arguments; seeding of the demo quarter is off, demo identities are on.
     */
    public static HandoffNode create(String name, Path workDir, String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of("--handoff.node.id=" + name,
                "--handoff.demo.seed-quarter=false"));
        arguments.addAll(List.of(extraArguments));
        return new HandoffNode(name, workDir, freePort(), arguments);
    }

    /** The jar to run: {@code -Dhandoff.jar=...} when set (a benchmark comparing builds), else target's. */
    public static Path jar() {
        String chosen = System.getProperty("handoff.jar", "");
        if (!chosen.isBlank()) {
            return Path.of(chosen);
        }
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("handoff(-.*)?\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError(
                            "No target/handoff.jar: run ./mvnw verify (or ./mvnw package first)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs another build of Handoff (e.g. an earlier commit's jar, for a side-by-side benchmark). */
    public HandoffNode withJar(Path other) {
        this.jar = other;
        return this;
    }

    /**
     * The child JVM's options instead of the tests' (small heap, serial GC, C1 only: quick to start); a benchmark
     * runs the JVM as an operator would.
     */
    public HandoffNode jvmOptions(List<String> options) {
        this.jvmOptions = List.copyOf(options);
        return this;
    }

    public HandoffNode start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " runs already");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(jvmOptions);
        command.addAll(launch());
        command.add("--server.port=" + port);
        command.addAll(arguments);
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(starts++ == 0 ? ProcessBuilder.Redirect.to(log.toFile())
                            : ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().remove("HANDOFF_NODE_ID");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Waits until {@code /actuator/health} says UP; fails with the log's path if the JVM died or took too long. */
    public HandoffNode awaitUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " during start-up; see " + log);
            }
            if (health() == 200) {
                return this;
            }
            sleep(250);
        }
        throw new AssertionError(name + " not up after " + timeout + "; see " + log);
    }

    /** The status {@code /actuator/health} answers within 5 s, or -1 when it does not answer in time. */
    public int health() {
        return status("/actuator/health");
    }

    public int status(String path) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** kill -9: the JVM ends at once, with whatever it had not yet written. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** A graceful stop (SIGTERM), as an orchestrator does before it removes a node. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The running JVM's process id (for its CPU time, jcmd). */
    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public Api as(String user) {
        return Api.as(port, user, user);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor();
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The test nodes (target's jar, the tests' JVM options) start from the extracted jar with a class-data archive,
     * in half the time; another build or a benchmark's JVM runs the plain jar as an operator does.
     */
    private List<String> launch() {
        if (jar == null && jvmOptions.equals(TEST_JVM)) {
            Optional<StartupArchive> archive = StartupArchive.of(jar(), TEST_JVM);
            if (archive.isPresent()) {
                try {
                    return archive.get().launch();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return List.of("-jar", (jar != null ? jar : jar()).toAbsolutePath().toString());
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
