package dev.handoff.identity;

import java.util.Locale;
import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Outside the demo, refuses to start before anything touches the database when the admin password is
 * missing or one a newcomer would guess. Runs as an environment post-processor so that the refusal comes
 * first and alone, not after a failed database connection.
 */
public class AdminPasswordCheck implements EnvironmentPostProcessor {

    static final String VARIABLE = "HANDOFF_ADMIN_PASSWORD";
    static final int MIN_LENGTH = 12;
    private static final Set<String> DEMO_VALUES = Set.of("admin", "password", "demo", "changeme", "change-me",
            "camunda", "handoff", "secret", "123456789012");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty("handoff.identity.demo", Boolean.class, true)) {
            return;
        }
        String problem = problem(environment.getProperty("handoff.identity.admin-password"));
        if (problem != null) {
            throw new InsecureAdminPasswordException(problem);
        }
    }

    static String problem(String password) {
        if (password == null || password.isBlank()) {
            return VARIABLE + " is not set";
        }
        if (DEMO_VALUES.contains(password.toLowerCase(Locale.ROOT))) {
            return VARIABLE + " is a demo value";
        }
        if (password.length() < MIN_LENGTH) {
            return VARIABLE + " is shorter than " + MIN_LENGTH + " characters";
        }
        return null;
    }

    static class InsecureAdminPasswordException extends IllegalStateException {
        InsecureAdminPasswordException(String message) {
            super(message);
        }
    }
}
