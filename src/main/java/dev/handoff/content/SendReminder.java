package dev.handoff.content;

import static dev.handoff.content.ContentVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.handoff.notification.Notifier;

/** A reminder of the model's SLA ladder; the model names the recipient and the subject as input parameters. */
@Component("sendReminder")
class SendReminder implements JavaDelegate {

    private final ContentRequests requests;
    private final Notifier notifier;

    SendReminder(ContentRequests requests, Notifier notifier) {
        this.requests = requests;
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long requestId = (Long) execution.getVariable(REQUEST_ID);
        String subject = (String) execution.getVariable(SUBJECT);
        String recipient = Values.text(execution.getVariableLocal(RECIPIENT));
        String group = Values.text(execution.getVariableLocal(RECIPIENT_GROUP));
        String text = subject + ".\n\nRequest: \"" + execution.getVariable(TITLE) + "\" (CR-" + requestId
                + "). Open Tasklist to act.";
        if (recipient != null) {
            notifier.notify(recipient, subject, text);
        }
        if (group != null) {
            notifier.notifyGroup(group, subject, text);
        }
        requests.record(requestId, null, "reminder", subject + " (to " + (recipient != null ? recipient : group)
                + ")");
    }
}
