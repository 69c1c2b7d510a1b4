package dev.handoff.platform;

/** One invalid field of a request, as listed in a problem's {@code errors}. */
public record FieldProblem(String field, String message) {
}
