package dev.handoff.content;

import static dev.handoff.content.ContentVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Stores the requester's rating with the asset, where the hub shows it. */
@Component("recordRating")
class RecordRating implements JavaDelegate {

    private final ContentRequests requests;
    private final ContentHub hub;

    RecordRating(ContentRequests requests, ContentHub hub) {
        this.requests = requests;
        this.hub = hub;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long requestId = (Long) execution.getVariable(REQUEST_ID);
        long assetId = (Long) execution.getVariable(ASSET_ID);
        String rater = (String) execution.getVariable(RATER);
        int usefulness = ((Number) execution.getVariable(USEFULNESS)).intValue();
        int deals = ((Number) execution.getVariable(DEALS_USED_IN)).intValue();
        String comment = Values.text(execution.getVariable(RATING_COMMENT));
        hub.rate(assetId, rater, usefulness, deals, comment);
        requests.record(requestId, rater, "rated", "Usefulness " + usefulness + "/5, used in " + deals + " deal"
                + (deals == 1 ? "" : "s") + (comment == null ? "" : ": " + comment));
    }
}
