package dev.handoff.content;

import static dev.handoff.content.ContentVariables.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Checks a rating before the task may complete: usefulness 1 to 5, deals 0 or more. */
@Component("ratingCompleted")
class RatingCompleted implements TaskListener {

    private final Actors actors;

    RatingCompleted(Actors actors) {
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        Long usefulness = Values.whole(task.getVariable(USEFULNESS), USEFULNESS);
        if (usefulness == null || usefulness < 1 || usefulness > 5) {
            throw new InvalidContentInput(USEFULNESS, "must be 1 to 5");
        }
        Long deals = Values.whole(task.getVariable(DEALS_USED_IN), DEALS_USED_IN);
        if (deals == null || deals < 0 || deals > 100_000) {
            throw new InvalidContentInput(DEALS_USED_IN, "must be 0 or more");
        }
        String comment = Values.text(task.getVariable(RATING_COMMENT));
        if (comment != null && comment.length() > 2000) {
            throw new InvalidContentInput(RATING_COMMENT, "must be at most 2000 characters");
        }
        task.setVariable(USEFULNESS, usefulness.intValue());
        task.setVariable(DEALS_USED_IN, deals.intValue());
        task.setVariable(RATER, actors.of(task));
    }
}
