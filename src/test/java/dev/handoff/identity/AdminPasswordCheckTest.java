package dev.handoff.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.handoff.HandoffApplication;

class AdminPasswordCheckTest {

    @Test
    void refusesMissingDemoAndShortPasswords() {
        assertThat(AdminPasswordCheck.problem(null)).isEqualTo("HANDOFF_ADMIN_PASSWORD is not set");
        assertThat(AdminPasswordCheck.problem(" ")).isEqualTo("HANDOFF_ADMIN_PASSWORD is not set");
        assertThat(AdminPasswordCheck.problem("Admin")).isEqualTo("HANDOFF_ADMIN_PASSWORD is a demo value");
        assertThat(AdminPasswordCheck.problem("short-pw")).contains("shorter than 12");
        assertThat(AdminPasswordCheck.problem("a-long-and-private-one")).isNull();
    }

    @Test
    void thePostgresProfileWithoutAdminPasswordStopsBeforeTouchingTheDatabase() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(HandoffApplication.class)
                .profiles("postgres")
                .run("--handoff.identity.admin-password=", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none"))
                .isInstanceOf(AdminPasswordCheck.InsecureAdminPasswordException.class)
                .hasMessage("HANDOFF_ADMIN_PASSWORD is not set");
    }

    @Test
    void explainsTheRefusalInOneReport() {
        FailureAnalysis analysis = new AdminPasswordFailureAnalyzer()
                .analyze(new AdminPasswordCheck.InsecureAdminPasswordException("HANDOFF_ADMIN_PASSWORD is not set"));
        assertThat(analysis.getDescription()).contains("HANDOFF_ADMIN_PASSWORD is not set");
        assertThat(analysis.getAction()).contains("Set HANDOFF_ADMIN_PASSWORD");
    }
}
