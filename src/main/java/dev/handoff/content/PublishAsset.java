package dev.handoff.content;

import static dev.handoff.content.ContentVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.handoff.notification.Notifier;

/** Puts the approved draft into the content hub, where it can be found and reused. */
@Component("publishAsset")
class PublishAsset implements JavaDelegate {

    private final ContentRequests requests;
    private final ContentHub hub;
    private final Notifier notifier;

    PublishAsset(ContentRequests requests, ContentHub hub, Notifier notifier) {
        this.requests = requests;
        this.hub = hub;
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long requestId = (Long) execution.getVariable(REQUEST_ID);
        ContentRequests.ContentRequest request = requests.get(requestId);
        long assetId = hub.publish(request, requests.versions(requestId), Values.text(execution.getVariable(TAGS)));
        execution.setVariable(ASSET_ID, assetId);
        requests.close(requestId, "published");
        requests.record(requestId, null, "published", "Published as hub asset #" + assetId);
        notifier.notify(request.requester(), "Your content is published: " + request.title(),
                "\"" + request.title() + "\" is in the content hub as asset #" + assetId + ".");
    }
}
