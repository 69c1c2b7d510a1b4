package dev.handoff.content;

import static dev.handoff.content.ContentVariables.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Checks the requester's review (feedback is required for changes) and puts it on the timeline. */
@Component("reviewCompleted")
class ReviewCompleted implements TaskListener {

    private final ContentRequests requests;
    private final Actors actors;

    ReviewCompleted(ContentRequests requests, Actors actors) {
        this.requests = requests;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        long requestId = (Long) task.getVariable(REQUEST_ID);
        String actor = actors.of(task);
        String decision = Values.text(task.getVariable(REVIEW_DECISION));
        if (APPROVE.equals(decision)) {
            requests.status(requestId, "approved");
            requests.record(requestId, actor, "approved", "Draft approved");
        } else if (CHANGES.equals(decision)) {
            String feedback = Values.requiredText(task.getVariable(FEEDBACK), FEEDBACK, 2000);
            requests.record(requestId, actor, "changes_requested", feedback);
        } else {
            throw new InvalidContentInput(REVIEW_DECISION, "must be approve or changes");
        }
    }
}
