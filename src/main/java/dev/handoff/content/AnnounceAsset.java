package dev.handoff.content;

import static dev.handoff.content.ContentVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import dev.handoff.identity.Groups;
import dev.handoff.notification.Notifier;

@Component("announceAsset")
class AnnounceAsset implements JavaDelegate {

    private final ContentRequests requests;
    private final ContentHub hub;
    private final Notifier notifier;

    AnnounceAsset(ContentRequests requests, ContentHub hub, Notifier notifier) {
        this.requests = requests;
        this.hub = hub;
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long requestId = (Long) execution.getVariable(REQUEST_ID);
        ContentHub.Asset asset = hub.find((Long) execution.getVariable(ASSET_ID)).orElseThrow();
        String text = "New in the content hub: " + asset.title() + " (" + ContentTypes.label(asset.type()) + " for "
                + asset.persona() + ")\n" + asset.need() + "\n\n" + asset.link();
        Groups.SALES.forEach(group -> notifier.notifyGroup(group, "New content: " + asset.title(), text));
        requests.record(requestId, null, "announced", "Sales told of asset #" + asset.id());
    }
}
