package dev.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Camunda Modeler's own rules for every BPMN file in processes/: bpmnlint with the repository's
 * {@code .bpmnlintrc} ({@code bpmnlint:recommended} and {@code camunda-compat} for Camunda 7.24), the check
 * Modeler runs as the process owner edits. bpmnlint and its plugin come from the npm registry at the versions
 * {@code package-lock.json} pins, installed with {@code npm ci} into {@code target/bpmnlint/}; nothing downloads
 * a Node build. Where {@code node} or {@code npm} are missing the tests report skipped with the install hint.
 */
class ModelerRulesTest {

    static final String MISSING = "Modeler's rules need Node.js and npm: apt-get install nodejs npm";
    static final Path INSTALL = Path.of("target", "bpmnlint");

    static final Optional<Path> NODE = onPath("node");
    static final Optional<Path> NPM = onPath("npm");

    static Path bpmnlint;

    static Stream<Path> bpmnFiles() throws IOException {
        return ModelFilesTest.bpmnFiles();
    }

    @BeforeAll
    static void installBpmnlint() throws IOException, InterruptedException {
        if (NODE.isEmpty() || NPM.isEmpty()) {
            System.err.println(MISSING);
            return;
        }
        Files.createDirectories(INSTALL);
        Path lock = INSTALL.resolve("package-lock.json");
        Path installed = INSTALL.resolve("node_modules").resolve(".package-lock.json");
        boolean current = Files.exists(installed) && Files.exists(lock)
                && Files.mismatch(lock, Path.of("package-lock.json")) == -1;
        if (!current) {
            Files.copy(Path.of("package.json"), INSTALL.resolve("package.json"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(Path.of("package-lock.json"), lock, StandardCopyOption.REPLACE_EXISTING);
            Result install = run(INSTALL, NPM.get().toString(), "ci", "--no-audit", "--no-fund", "--ignore-scripts");
            if (install.exit != 0) {
                fail("npm ci of package-lock.json failed in " + INSTALL + " (exit " + install.exit + "):\n"
                        + install.output);
            }
        }
        bpmnlint = INSTALL.resolve("node_modules").resolve("bpmnlint").resolve("bin").resolve("bpmnlint.js");
        assertThat(bpmnlint).as("bpmnlint installed by npm ci").exists();
    }

    @BeforeEach
    void needsNodeAndNpm() {
        Assumptions.assumeTrue(NODE.isPresent() && NPM.isPresent(), MISSING);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bpmnFiles")
    void modelerFindsNoProblem(Path file) throws IOException, InterruptedException {
        Result lint = run(Path.of("."), NODE.get().toString(), bpmnlint.toString(),
                "--max-warnings=0", file.toString());
        List<String> findings = findings(lint.output);
        if (lint.exit != 0 && findings.isEmpty()) {
            fail("bpmnlint failed on " + file + " without a finding (exit " + lint.exit + "):\n" + lint.output);
        }
        assertThat(findings).as("bpmnlint on " + file + " (element, severity, rule):\n" + lint.output).isEmpty();
        assertThat(lint.exit).as("bpmnlint's exit on " + file + ":\n" + lint.output).isZero();
    }

    /** bpmnlint's report rows ({@code  Task_X  warning  Incoming flows do not join  fake-join}) as "id severity rule". */
    static List<String> findings(String output) {
        List<String> findings = new ArrayList<>();
        for (String line : output.split("\\R")) {
            String[] columns = line.trim().split("\\s{2,}");
            if (line.startsWith("  ") && columns.length >= 3
                    && (columns[1].equals("error") || columns[1].equals("warning"))) {
                findings.add(columns[0] + " " + columns[1] + " " + columns[columns.length - 1]);
            }
        }
        return findings;
    }

    private static Optional<Path> onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static Result run(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        // bpmnlint resolves .bpmnlintrc's plugins from the working directory; the ones npm ci installed are here.
        builder.environment().put("NODE_PATH", INSTALL.resolve("node_modules").toAbsolutePath().toString());
        builder.environment().put("NO_COLOR", "1");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        return new Result(process.waitFor(), new String(output, StandardCharsets.UTF_8));
    }

    private record Result(int exit, String output) {
    }
}
