package dev.handoff.content;

import static dev.handoff.content.ContentVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.handoff.notification.Notifier;

@Component("closeDeclined")
class CloseDeclined implements JavaDelegate {

    private final ContentRequests requests;
    private final Notifier notifier;

    CloseDeclined(ContentRequests requests, Notifier notifier) {
        this.requests = requests;
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long requestId = (Long) execution.getVariable(REQUEST_ID);
        String reason = Values.text(execution.getVariable(DECLINE_REASON));
        ContentRequests.ContentRequest request = requests.get(requestId);
        requests.closeDeclined(requestId, reason);
        notifier.notify(request.requester(), "Content request declined: " + request.title(),
                "Content marketing declined your request \"" + request.title() + "\" (CR-" + requestId + ").\n\n"
                        + "Reason: " + reason);
        requests.record(requestId, null, "requester_notified", "Told " + request.requester() + " of the decline");
    }
}
