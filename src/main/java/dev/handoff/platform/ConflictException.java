package dev.handoff.platform;

/** Answered by Handoff's API as problem details with the matching HTTP status. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
