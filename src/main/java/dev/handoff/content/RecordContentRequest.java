package dev.handoff.content;

import static dev.handoff.content.ContentVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.handoff.sla.DeadlineFormat;

/**
 * The first step of every request, whether started by the API or Tasklist's start form: validates it and
 * records it. Invalid input fails the start, so nothing is created.
 */
@Component("recordContentRequest")
class RecordContentRequest implements JavaDelegate {

    private final ContentRequestValidator validator;
    private final ContentRequests requests;
    private final DeadlineFormat deadlines;

    RecordContentRequest(ContentRequestValidator validator, ContentRequests requests, DeadlineFormat deadlines) {
        this.validator = validator;
        this.requests = requests;
        this.deadlines = deadlines;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String requester = Values.text(execution.getVariable(REQUESTER));
        if (requester == null) {
            throw new InvalidContentInput(REQUESTER, "is unknown: start the request signed in");
        }
        NewContentRequest request = validator.fromVariables(execution.getVariables());
        long id = requests.insert(request, requester, execution.getProcessInstanceId());
        execution.setVariable(REQUEST_ID, id);
        execution.setVariable(NEEDED_BY, request.neededBy().toString());
        execution.setVariable(TYPE_LABEL, ContentTypes.label(request.type()));
        execution.setVariable(NEEDED_BY_TEXT, deadlines.day(request.neededBy()));
        execution.setVariable(REVISION_COUNT, 0);
        execution.setProcessBusinessKey("CR-" + id);
        requests.record(id, requester, "requested", ContentTypes.label(request.type()) + " for " + request.persona()
                + ", needed by " + deadlines.day(request.neededBy()) + ": " + request.need());
    }
}
