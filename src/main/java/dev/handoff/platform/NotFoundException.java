package dev.handoff.platform;

/** Answered by Handoff's API as problem details with the matching HTTP status. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
