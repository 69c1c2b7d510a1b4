package dev.handoff.content;

import static dev.handoff.content.ContentVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.handoff.identity.Groups;
import dev.handoff.notification.Notifier;

/**
 * A request that needs more revision rounds than agreed shows that sales and marketing see it differently:
 * both managers hear of it, and it is kept as an alignment item for the reviews and the report.
 */
@Component("raiseAlignmentItem")
class RaiseAlignmentItem implements JavaDelegate {

    private final ContentRequests requests;
    private final Notifier notifier;

    RaiseAlignmentItem(ContentRequests requests, Notifier notifier) {
        this.requests = requests;
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long requestId = (Long) execution.getVariable(REQUEST_ID);
        int count = ((Number) execution.getVariable(REVISION_COUNT)).intValue();
        ContentRequests.ContentRequest request = requests.get(requestId);
        String reason = "\"" + request.title() + "\" (CR-" + requestId + ") requested by " + request.requester()
                + " is in revision round " + count + ". Latest feedback: "
                + Values.text(execution.getVariable(FEEDBACK));
        requests.raiseAlignmentItem(requestId, count, reason);
        for (String group : new String[] { Groups.MARKETING_MANAGERS, Groups.SALES_MANAGERS }) {
            notifier.notifyGroup(group, "Alignment needed: " + request.title(), reason);
        }
        requests.record(requestId, null, "alignment_raised", "Escalated to " + Groups.MARKETING_MANAGERS + " and "
                + Groups.SALES_MANAGERS + " after " + count + " revision rounds");
    }
}
