package dev.handoff.platform;

import java.util.List;

/** Input that Bean Validation cannot judge alone; answered with 400 and the fields named. */
public class InvalidInputException extends RuntimeException {

    private final List<FieldProblem> errors;

    public InvalidInputException(List<FieldProblem> errors) {
        super("Invalid input: " + String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList()));
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
