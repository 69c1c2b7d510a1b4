package dev.handoff.content;

import static dev.handoff.content.ContentVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.handoff.notification.Notifier;

/** Answers a request with an asset the hub already has: closes it and tells the requester which one. */
@Component("closeWithReuse")
class CloseWithReuse implements JavaDelegate {

    private final ContentRequests requests;
    private final ContentHub hub;
    private final Notifier notifier;

    CloseWithReuse(ContentRequests requests, ContentHub hub, Notifier notifier) {
        this.requests = requests;
        this.hub = hub;
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long requestId = (Long) execution.getVariable(REQUEST_ID);
        long assetId = (Long) execution.getVariable(REUSE_ASSET_ID);
        ContentRequests.ContentRequest request = requests.get(requestId);
        ContentHub.Asset asset = hub.find(assetId).orElseThrow();
        requests.closeReused(requestId, assetId);
        hub.countReuse(assetId);
        execution.setVariable(ASSET_ID, assetId);
        notifier.notify(request.requester(), "Existing content answers your request: " + asset.title(),
                "Your request \"" + request.title() + "\" (CR-" + requestId + ") is answered by content that exists"
                        + " already:\n\n" + asset.title() + " (hub asset #" + asset.id() + ")\n" + asset.link()
                        + "\n\nFind it and others in the content hub: /api/content/" + asset.id());
        requests.record(requestId, null, "requester_notified", "Told " + request.requester() + " to use asset #"
                + asset.id() + " \"" + asset.title() + "\"");
    }
}
