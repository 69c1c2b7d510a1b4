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
 * archive ({@code -XX:SharedArchiveFile}). It shortens the start-up of the nodes the resilience tests start and
 * kill again and again (21.4 s to 14.4 s on 2 cores, quiet: scripts/startup-benchmark.sh) and changes nothing they
 * test: the same classes, JVM and database. Made once per build of the jar (under {@code target/cds}); when
 * anything about it fails, or with {@code -Dhandoff.cds.off=true}, the nodes run the plain jar.
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

    /** The JVM options, class path and main class of a start that reads the archive. */
    List<String> launch() throws IOException {
        List<String> launch = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive));
        launch.addAll(classPathAndMain(applicationJar));
        return launch;
    }

    /**
     * {@code -cp} with the application jar and every jar its manifest names, then the main class; not
     * {@code -jar}: Spring Boot's Tomcat serves the {@code META-INF/resources} of the jars on the class path the
     * JVM was given, not of those a manifest adds, and the webapps' plugins (Tasklist's and Cockpit's own among
     * them) are such resources: started with {@code -jar app/handoff.jar}, Tasklist never loads.
     */
    static List<String> classPathAndMain(Path applicationJar) throws IOException {
        try (var jar = new java.util.jar.JarFile(applicationJar.toFile())) {
            var attributes = jar.getManifest().getMainAttributes();
            StringBuilder classPath = new StringBuilder(applicationJar.toString());
            for (String entry : attributes.getValue("Class-Path").trim().split("\\s+")) {
                classPath.append(java.io.File.pathSeparator).append(applicationJar.resolveSibling(entry));
            }
            return List.of("-cp", classPath.toString(), attributes.getValue("Main-Class"));
        }
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
            deleteOlderArchives(dir);
            Files.createDirectories(dir);
            Path trainingLog = dir.resolve("training.log");
            run(dir, trainingLog, List.of(HandoffNode.javaBinary(), "-Djarmode=tools", "-jar", jar.toString(),
                    "extract", "--force", "--destination", dir.resolve("app").toString()));
            List<String> training = new ArrayList<>(List.of(HandoffNode.javaBinary()));
            training.addAll(jvmOptions);
            training.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh"));
            training.addAll(classPathAndMain(applicationJar));
            training.addAll(List.of("--server.port=0", "--handoff.demo.seed-quarter=false",
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

    /** An archive is about 100 MB, and each build of the jar makes its own: keep only the current one. */
    private static void deleteOlderArchives(Path current) throws IOException {
        if (!Files.isDirectory(current.getParent())) {
            return;
        }
        try (var dirs = Files.list(current.getParent())) {
            for (Path old : dirs.filter(d -> !d.equals(current)).toList()) {
                try (var tree = Files.walk(old)) {
                    for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
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
