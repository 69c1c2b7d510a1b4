package dev.handoff.lead;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables of process lead-lifecycle and of the stages it calls, in one place: the call activities of
 * lead-lifecycle.bpmn pass each stage only these names (in and out), which {@code LeadStagesTest} checks. The
 * lifecycle holds the lead's ids and what it decides on; the lead's fields a stage's forms show ({@link #card})
 * come from the lead's record when the stage starts, not through the lifecycle.
 */
public final class LeadVariables {

    public static final String PROCESS_KEY = "lead-lifecycle";
    /** The stages lead-lifecycle calls, each a process of its own. */
    public static final String QUALIFICATION_KEY = "lead-qualification";
    public static final String NURTURE_KEY = "lead-nurture";
    public static final String SALES_ACCEPTANCE_KEY = "lead-sales-acceptance";
    public static final String FOLLOW_UP_KEY = "lead-follow-up";
    public static final String OPPORTUNITY_KEY = "lead-opportunity";
    public static final List<String> STAGE_KEYS = List.of(QUALIFICATION_KEY, NURTURE_KEY, SALES_ACCEPTANCE_KEY,
            FOLLOW_UP_KEY, OPPORTUNITY_KEY);
    public static final String ENGAGEMENT_MESSAGE = "EngagementRecorded";
    public static final String IMPORT_MESSAGE = "LeadImported";

    public static final String LEAD_ID = "leadId";
    /** The lead number (L-000123), also the business key. */
    public static final String LEAD_NUMBER = "leadNumber";
    public static final String LEAD_IS_NEW = "leadIsNew";
    public static final String LEAD_NAME = "leadName";
    public static final String EMAIL = "email";
    public static final String FIRST_NAME = "firstName";
    public static final String LAST_NAME = "lastName";
    public static final String PHONE = "phone";
    public static final String JOB_TITLE = "jobTitle";
    public static final String COMPANY = "company";
    public static final String COMPANY_SIZE = "companySize";
    public static final String INDUSTRY = "industry";
    public static final String COUNTRY = "country";
    public static final String SOURCE = "source";
    public static final String CAMPAIGN = "campaign";
    public static final String FIT_POINTS = "fitPoints";
    public static final String FIT_GRADE = "fitGrade";
    public static final String ENGAGEMENT_SCORE = "engagementScore";
    public static final String MQL_VERDICT = "mqlVerdict";
    public static final String MQL_REASON = "mqlReason";
    public static final String MISSING_FIELDS = "missingFields";
    public static final String MQL_DEFINITION_VERSION = "mqlDefinitionVersion";
    /** The number of the agreement in force when the MQL definition judged the lead. */
    public static final String AGREEMENT_NUMBER = "agreementNumber";
    public static final String NURTURE_UNTIL = "nurtureUntil";

    // The sales half: routing and the SAL step.
    public static final String DEAL_OUTCOME_MESSAGE = "DealOutcomeReported";
    public static final String TEAM = "team";
    public static final String SEGMENT = "segment";
    /** The persona the lead matched, as the accept form shows it: "Finance leader (finance-leader)" or "unmatched". */
    public static final String PERSONA = "persona";
    public static final String OWNER = "owner";
    public static final String ASSIGNMENT_ID = "assignmentId";
    public static final String SLA_DUE_AT = "slaDueAt";
    /** {@link #SLA_DUE_AT} as a person reads it, for the forms; see {@link dev.handoff.sla.DeadlineFormat}. */
    public static final String SLA_DUE_TEXT = "slaDueText";
    /** When the acceptance clock started; the reminder timer fires a fraction of the way to the deadline. */
    public static final String SLA_STARTED_AT = "slaStartedAt";
    /**
     * Half-way to the deadline: the reminder timer of lead-lifecycle versions before the stages (their leads
     * under way still read it; a lifecycle that calls the stages gets none); the stages compute it in the diagram
     * from {@link #SLA_STARTED_AT}.
     */
    public static final String SLA_REMINDER_AT = "slaReminderAt";
    public static final String ACCEPT_WITHIN_HOURS = "acceptWithinHours";
    public static final String EXCLUDED_REPS = "excludedReps";
    public static final String BREACH_COUNT = "breachCount";
    public static final String ESCALATION_ID = "escalationId";
    public static final String ASSIGN_TO = "assignTo";
    public static final String OVERDUE_ACTION = "overdueAction";
    public static final String SAL_DECISION = "salDecision";
    public static final String REJECTION_REASON = "rejectionReason";
    public static final String REJECTION_NOTE = "rejectionNote";
    public static final String REJECTION_ID = "rejectionId";
    public static final String REVIEW_DECISION = "reviewDecision";
    public static final String REVIEW_NOTE = "reviewNote";
    public static final String ARBITRATION_DECISION = "arbitrationDecision";
    public static final String ARBITRATION_NOTE = "arbitrationNote";
    // Follow-up cadence.
    public static final String CONTACT_ATTEMPT_TARGET = "contactAttemptTarget";
    public static final String CONTACT_ATTEMPTS = "contactAttempts";
    /** How many business days the cadence's contact window lasts (the SLA policy's target for the lead). */
    public static final String CONTACT_WINDOW_DAYS = "contactWindowDays";
    public static final String CONTACT_WINDOW_ENDS_AT = "contactWindowEndsAt";
    public static final String CONTACT_WINDOW_ENDS_TEXT = "contactWindowEndsText";
    public static final String CONTACT_REMINDER_AT = "contactReminderAt";
    public static final String CONTACT_CHANNEL = "contactChannel";
    public static final String CONTACT_OUTCOME = "contactOutcome";
    public static final String CONTACT_NOTE = "contactNote";
    public static final String LAST_CONTACT_OUTCOME = "lastContactOutcome";
    public static final String DISQUALIFICATION_REASON = "disqualificationReason";
    // Account executive.
    public static final String MEETING_WITHIN_DAYS = "meetingWithinDays";
    public static final String AE_OWNER = "aeOwner";
    public static final String EXCLUDED_AES = "excludedAes";
    public static final String MEETING_DUE_AT = "meetingDueAt";
    public static final String MEETING_DUE_TEXT = "meetingDueText";
    public static final String MEETING_STARTED_AT = "meetingStartedAt";
    /** As {@link #SLA_REMINDER_AT}, for the discovery meeting. */
    public static final String MEETING_REMINDER_AT = "meetingReminderAt";
    public static final String MEETING_BREACH_COUNT = "meetingBreachCount";
    public static final String MEETING_OUTCOME = "meetingOutcome";
    public static final String OPPORTUNITY_AMOUNT = "opportunityAmount";
    public static final String DEAL_OUTCOME = "dealOutcome";
    public static final String DEAL_AMOUNT = "dealAmount";
    public static final String LOST_REASON = "lostReason";
    public static final String COOL_OFF_UNTIL = "coolOffUntil";

    /** The names of the lead's card ({@link #card}): held by the stage that shows them, not by the lifecycle. */
    public static final List<String> CARD = List.of(LEAD_NAME, EMAIL, FIRST_NAME, LAST_NAME, PHONE, JOB_TITLE, COMPANY,
            COMPANY_SIZE, INDUSTRY, COUNTRY, SOURCE, CAMPAIGN, FIT_POINTS, FIT_GRADE, ENGAGEMENT_SCORE, PERSONA,
            MQL_REASON);

    /**
     * What lead-lifecycle starts with and keeps of its lead: its identity. The lead's fields stay in its record;
     * each stage shows them from there ({@link LeadCard}).
     */
    static Map<String, Object> ids(Lead lead) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(LEAD_ID, lead.id());
        variables.put(LEAD_NUMBER, lead.number());
        return variables;
    }

    /**
     * What lead-lifecycle versions before the stages (one diagram, whose forms read the lead from the lifecycle)
     * start with: the ids and the lead's fields; scoring, the MQL definition and routing add the rest of the card.
     */
    static Map<String, Object> beforeStages(Lead lead) {
        Map<String, Object> variables = ids(lead);
        variables.putAll(fields(lead));
        return variables;
    }

    /**
     * The lead's card: what Tasklist forms and filter columns of a stage show of its lead, read from its record
     * when the stage starts ({@link LeadCard}); the persona and the MQL reason as the caller found them.
     */
    static Map<String, Object> card(Lead lead, String persona, String mqlReason) {
        Map<String, Object> variables = fields(lead);
        variables.put(FIT_POINTS, lead.fitPoints());
        variables.put(FIT_GRADE, lead.fitGrade());
        variables.put(ENGAGEMENT_SCORE, lead.engagementScore() == null ? null : lead.engagementScore().doubleValue());
        variables.put(PERSONA, persona);
        variables.put(MQL_REASON, mqlReason);
        return variables;
    }

    /** The lead's own fields, as captured or completed. */
    private static Map<String, Object> fields(Lead lead) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(LEAD_NAME, lead.name());
        variables.put(EMAIL, lead.email());
        variables.put(FIRST_NAME, lead.firstName());
        variables.put(LAST_NAME, lead.lastName());
        variables.put(PHONE, lead.phone());
        variables.put(JOB_TITLE, lead.jobTitle());
        variables.put(COMPANY, lead.company());
        variables.put(COMPANY_SIZE, lead.companySize());
        variables.put(INDUSTRY, lead.industry());
        variables.put(COUNTRY, lead.country());
        variables.put(SOURCE, lead.source().code());
        variables.put(CAMPAIGN, lead.campaign());
        return variables;
    }

    private LeadVariables() {
    }
}
