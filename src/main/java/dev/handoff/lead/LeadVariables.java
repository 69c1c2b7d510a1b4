package dev.handoff.lead;

import java.util.HashMap;
import java.util.Map;

/** The variables of process lead-lifecycle, in one place. */
public final class LeadVariables {

    public static final String PROCESS_KEY = "lead-lifecycle";
    public static final String ENGAGEMENT_MESSAGE = "EngagementRecorded";

    public static final String LEAD_ID = "leadId";
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
    public static final String NURTURE_UNTIL = "nurtureUntil";

    /** What Tasklist forms and filter columns show of a lead. */
    static Map<String, Object> describe(Lead lead) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(LEAD_ID, lead.id());
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
