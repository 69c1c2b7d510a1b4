package dev.handoff.content;

import static dev.handoff.content.ContentVariables.*;

import java.time.LocalDate;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import dev.handoff.sla.BusinessTime;
import dev.handoff.sla.DeadlineFormat;

/** Checks a triage decision before the task may complete, and puts it on the timeline. */
@Component("triageCompleted")
class TriageCompleted implements TaskListener {

    private final ContentRequests requests;
    private final ContentHub hub;
    private final DraftSchedule schedule;
    private final BusinessTime businessTime;
    private final Actors actors;
    private final DeadlineFormat deadlines;

    TriageCompleted(ContentRequests requests, ContentHub hub, DraftSchedule schedule, BusinessTime businessTime,
            Actors actors, DeadlineFormat deadlines) {
        this.requests = requests;
        this.hub = hub;
        this.schedule = schedule;
        this.businessTime = businessTime;
        this.actors = actors;
        this.deadlines = deadlines;
    }

    @Override
    public void notify(DelegateTask task) {
        long requestId = (Long) task.getVariable(REQUEST_ID);
        String actor = actors.of(task);
        String decision = Values.text(task.getVariable(TRIAGE_DECISION));
        if (ACCEPT.equals(decision)) {
            LocalDate due = Values.date(task.getVariable(AGREED_DUE_DATE), AGREED_DUE_DATE,
                    businessTime.hours().zone());
            if (due == null) {
                throw new InvalidContentInput(AGREED_DUE_DATE, "is required to accept a request");
            }
            if (due.isBefore(EngineClock.today(businessTime.hours().zone()))) {
                throw new InvalidContentInput(AGREED_DUE_DATE, "must be today or later");
            }
            task.setVariable(AGREED_DUE_DATE, due.toString());
            schedule.firstDraftDue(task, due);
            requests.accept(requestId, due);
            requests.record(requestId, actor, "accepted", "Draft agreed for " + deadlines.day(due));
        } else if (DECLINE.equals(decision)) {
            String reason = Values.requiredText(task.getVariable(DECLINE_REASON), DECLINE_REASON, 2000);
            requests.record(requestId, actor, "declined", reason);
        } else if (REUSE.equals(decision)) {
            Long assetId = Values.whole(task.getVariable(REUSE_ASSET_ID), REUSE_ASSET_ID);
            if (assetId == null) {
                throw new InvalidContentInput(REUSE_ASSET_ID, "is required to answer with an existing asset");
            }
            ContentHub.Asset asset = hub.find(assetId).orElseThrow(() -> new InvalidContentInput(REUSE_ASSET_ID,
                    "names no asset in the content hub: " + assetId));
            task.setVariable(REUSE_ASSET_ID, assetId);
            requests.record(requestId, actor, "reuse", "Answered with hub asset #" + asset.id() + " \""
                    + asset.title() + "\"");
        } else {
            throw new InvalidContentInput(TRIAGE_DECISION, "must be accept, decline or reuse");
        }
    }
}
