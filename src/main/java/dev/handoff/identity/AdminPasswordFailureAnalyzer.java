package dev.handoff.identity;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns the refused admin password into Spring Boot's short "APPLICATION FAILED TO START" report. */
public class AdminPasswordFailureAnalyzer extends AbstractFailureAnalyzer<AdminPasswordCheck.InsecureAdminPasswordException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AdminPasswordCheck.InsecureAdminPasswordException cause) {
        return new FailureAnalysis(
                "Handoff refuses to start: " + cause.getMessage() + ". Outside the demo no default credential exists.",
                "Set " + AdminPasswordCheck.VARIABLE + " to a password of at least " + AdminPasswordCheck.MIN_LENGTH
                        + " characters that is not a demo value; it becomes the password of the 'admin' user"
                        + " the first time Handoff starts on this database.",
                cause);
    }
}
