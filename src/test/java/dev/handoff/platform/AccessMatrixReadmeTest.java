package dev.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The README's "Who may call what" table is {@link AccessMatrix}, which {@link AccessMatrixIT} checks. */
class AccessMatrixReadmeTest {

    static final String START = "<!-- access-matrix: generated from src/test/java/dev/handoff/platform/AccessMatrix.java -->\n";
    static final String END = "<!-- /access-matrix -->";

    @Test
    void theReadmeShowsTheMatrixTheTestsCheck() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README marker " + START.trim()).isNotNegative();
        assertThat(end).as("README marker " + END).isGreaterThan(start);
        assertThat(readme.substring(start + START.length(), end)).isEqualTo(AccessMatrix.markdown());
    }
}
