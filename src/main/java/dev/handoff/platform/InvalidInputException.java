package dev.handoff.platform;

import java.util.List;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * Input that Bean Validation cannot judge alone; answered with 400 and the fields named. It is the engine's
 * form field validation failure too, so that a Tasklist form whose values a delegate or listener refuses is
 * answered by the engine REST API with 400 and this message (naming the fields) instead of a server error.
 */
public class InvalidInputException extends FormFieldValidationException {

    private final List<FieldProblem> errors;

    public InvalidInputException(List<FieldProblem> errors) {
        super(errors.isEmpty() ? "body" : errors.get(0).field(), "Invalid input: " + String.join("; ",
                errors.stream().map(e -> e.field() + " " + e.message()).toList()));
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
