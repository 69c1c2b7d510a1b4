package dev.handoff.content;

import java.util.List;
import java.util.stream.Collectors;

import dev.handoff.platform.FieldProblem;
import dev.handoff.platform.InvalidInputException;

/**
 * Invalid input to the content-request loop. The API answers it with problem details; from Tasklist it
 * fails the start or the task completion, and its message is what the person sees.
 */
class InvalidContentInput extends InvalidInputException {

    InvalidContentInput(List<FieldProblem> errors) {
        super(errors);
    }

    InvalidContentInput(String field, String message) {
        super(field, message);
    }

    @Override
    public String getMessage() {
        return errors().stream().map(e -> e.field() + " " + e.message())
                .collect(Collectors.joining("; ", "Please correct: ", "."));
    }
}
