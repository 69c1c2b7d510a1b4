package dev.handoff.content;

import static dev.handoff.content.ContentVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The first step of every request, whether started by the API or Tasklist's start form: validates it and
 * records it. Invalid input fails the start, so nothing is created.
 */
@Component("recordContentRequest")
class RecordContentRequest implements JavaDelegate {

    private final ContentRequestValidator validator;
    private final ContentRequests requests;

    RecordContentRequest(ContentRequestValidator validator, ContentRequests requests) {
        this.validator = validator;
        this.requests = requests;
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
        execution.setVariable(REVISION_COUNT, 0);
        execution.setProcessBusinessKey("CR-" + id);
        requests.record(id, requester, "requested", request.type() + " for " + request.persona() + ", needed by "
                + request.neededBy() + ": " + request.need());
    }
}
