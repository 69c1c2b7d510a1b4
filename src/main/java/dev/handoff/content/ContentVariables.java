package dev.handoff.content;

/** The names of the content-request process's variables, as the model, the forms and the code use them. */
final class ContentVariables {

    static final String PROCESS_KEY = "content-request";

    // the request, set by the start form or the API
    static final String REQUESTER = "requester";
    static final String TYPE = "type";
    static final String TITLE = "title";
    static final String NEED = "need";
    static final String PERSONA = "persona";
    static final String LEAD_ID = "leadId";
    static final String NEEDED_BY = "neededBy";
    // what the forms show of the two above: "Case study", "Mon 14 Dec 2026"
    static final String TYPE_LABEL = "typeLabel";
    static final String NEEDED_BY_TEXT = "neededByText";
    static final String REQUEST_ID = "requestId";

    // triage
    static final String TRIAGE_DECISION = "triageDecision";
    static final String AGREED_DUE_DATE = "agreedDueDate";
    static final String DECLINE_REASON = "declineReason";
    static final String REUSE_ASSET_ID = "reuseAssetId";

    // production and review
    static final String DRAFT_DUE_AT = "draftDueAt";
    static final String DRAFT_REMINDER_AT = "draftReminderAt";
    static final String DRAFT_LINK = "draftLink";
    static final String DRAFT_NOTES = "draftNotes";
    static final String TAGS = "tags";
    static final String REVIEW_DECISION = "reviewDecision";
    static final String FEEDBACK = "feedback";
    static final String REVISION_COUNT = "revisionCount";

    // hub and rating
    static final String ASSET_ID = "assetId";
    static final String USEFULNESS = "usefulness";
    static final String DEALS_USED_IN = "dealsUsedIn";
    static final String RATING_COMMENT = "ratingComment";
    static final String RATER = "rater";

    // input parameters of the reminder and escalation steps in the model
    static final String RECIPIENT = "recipient";
    static final String RECIPIENT_GROUP = "recipientGroup";
    static final String SUBJECT = "subject";
    static final String ESCALATE_TO = "escalateTo";
    static final String TASK_KEY = "taskKey";

    static final String ACCEPT = "accept";
    static final String DECLINE = "decline";
    static final String REUSE = "reuse";
    static final String APPROVE = "approve";
    static final String CHANGES = "changes";

    private ContentVariables() {
    }
}
