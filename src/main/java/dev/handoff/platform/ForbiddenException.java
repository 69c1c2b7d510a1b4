package dev.handoff.platform;

/** Answered by Handoff's API as problem details with the matching HTTP status. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
