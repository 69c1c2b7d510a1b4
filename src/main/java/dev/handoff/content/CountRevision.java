package dev.handoff.content;

import static dev.handoff.content.ContentVariables.*;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A change request starts a revision round with a new due date; the model compares the count to its limit. */
@Component("countRevision")
class CountRevision implements JavaDelegate {

    private final ContentRequests requests;
    private final DraftSchedule schedule;

    CountRevision(ContentRequests requests, DraftSchedule schedule) {
        this.requests = requests;
        this.schedule = schedule;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long requestId = (Long) execution.getVariable(REQUEST_ID);
        Object current = execution.getVariable(REVISION_COUNT);
        int count = (current instanceof Number n ? n.intValue() : 0) + 1;
        execution.setVariable(REVISION_COUNT, count);
        schedule.revisionDue(execution);
        requests.revisionCount(requestId, count);
        requests.record(requestId, null, "revision_started", "Revision " + count + ", due "
                + ((Date) execution.getVariable(DRAFT_DUE_AT)).toInstant());
    }
}
