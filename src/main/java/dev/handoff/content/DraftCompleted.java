package dev.handoff.content;

import static dev.handoff.content.ContentVariables.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Keeps each submitted draft as a version of the request, with its author. */
@Component("draftCompleted")
class DraftCompleted implements TaskListener {

    private final ContentRequests requests;
    private final Actors actors;

    DraftCompleted(ContentRequests requests, Actors actors) {
        this.requests = requests;
        this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
        long requestId = (Long) task.getVariable(REQUEST_ID);
        String link = Values.requiredText(task.getVariable(DRAFT_LINK), DRAFT_LINK, 1000);
        String notes = Values.text(task.getVariable(DRAFT_NOTES));
        String author = actors.of(task);
        if (author == null) {
            throw new InvalidContentInput("assignee", "is missing: claim the task before submitting a draft");
        }
        int version = requests.addVersion(requestId, link, notes, author);
        requests.status(requestId, "in_review");
        requests.record(requestId, author, "draft_submitted", "Version " + version + ": " + link
                + (notes == null ? "" : " (" + notes + ")"));
    }
}
