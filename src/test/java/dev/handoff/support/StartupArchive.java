package dev.handoff.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packaged jar extracted and with a class-data-sharing archive, as the README's "Faster start-up" describes
 * for operators: {@code java -Djarmode=tools -jar handoff.jar extract}, one training run that stops after the
 * context refresh and writes the archive ({@code -XX:ArchiveClassesAtExit}), and then every start reads the
 * archive ({@code -XX:SharedArchiveFile}). It halves the start-up of the nodes the resilience tests start and kill
 * again and again (about 20 s to about 11 s on 2 cores) and changes nothing they test: the same classes, JVM and
 * database. Made once per build of the jar (under {@code target/cds}); when anything about it fails, the nodes run
 * the plain jar and the reason is logged.
 */
final class StartupArchive {

    private static final Logger log = LoggerFactory.getLogger(StartupArchive.class);
    private static Optional<StartupArchive> made;

    /** The extracted application jar to run instead of the packaged one. */
    final Path applicationJar;
    /** The archive its JVMs read. */
    final Path archive;

    private StartupArchive(Path applicationJar, Path archive) {
        this.applicationJar = applicationJar;
        this.archive = archive;
    }

    /** The JVM options and {@code -jar} target of a start that reads the archive. */
    List<String> launch() {
        return List.of("-XX:SharedArchiveFile=" + archive, "-jar", applicationJar.toString());
    }

    /** The archive for {@code jar} and these JVM options, made on first use; empty when it cannot be made. */
    static synchronized Optional<StartupArchive> of(Path jar, List<String> jvmOptions) {
        if (made == null) {
            made = make(jar.toAbsolutePath(), jvmOptions);
        }
        return made;
    }

    private static Optional<StartupArchive> make(Path jar, List<String> jvmOptions) {
        if (Boolean.getBoolean("handoff.cds.off")) {
            return Optional.empty();
        }
        try {
            Path dir = Path.of("target", "cds", jar.getFileName() + "-" + Files.getLastModifiedTime(jar).toMillis()
                    + "-" + Files.size(jar)).toAbsolutePath();
            Path applicationJar = dir.resolve("app").resolve(jar.getFileName());
            Path archive = dir.resolve("handoff.jsa");
            if (Files.isRegularFile(archive) && Files.isRegularFile(applicationJar)) {
                return Optional.of(new StartupArchive(applicationJar, archive));
            }
            Files.createDirectories(dir);
            Path trainingLog = dir.resolve("training.log");
            run(dir, trainingLog, List.of(HandoffNode.javaBinary(), "-Djarmode=tools", "-jar", jar.toString(),
                    "extract", "--force", "--destination", dir.resolve("app").toString()));
            List<String> training = new ArrayList<>(List.of(HandoffNode.javaBinary()));
            training.addAll(jvmOptions);
            training.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh",
                    "-jar", applicationJar.toString(), "--server.port=0", "--handoff.demo.seed-quarter=false",
                    "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("training-db").resolve("handoff")));
            run(dir, trainingLog, training);
            if (!Files.isRegularFile(archive)) {
                throw new IOException("no archive written");
            }
            log.info("Nodes start from {} with the class-data archive {}", applicationJar, archive);
            return Optional.of(new StartupArchive(applicationJar, archive));
        } catch (IOException e) {
            log.warn("Nodes start from the packaged jar: no start-up archive ({})", e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void run(Path dir, Path logFile, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command) + "; see " + logFile);
        }
        if (process.exitValue() != 0) {
            throw new IOException("exit " + process.exitValue() + ": " + String.join(" ", command) + "; see "
                    + logFile);
        }
    }
}
