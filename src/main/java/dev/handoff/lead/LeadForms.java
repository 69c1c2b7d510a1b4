package dev.handoff.lead;

import java.util.List;
import java.util.Map;

import dev.handoff.platform.InputBounds;
import dev.handoff.platform.InvalidInputException;

/** Reads a lead from Camunda Form variables (the Tasklist start form and "Complete lead data"). */
final class LeadForms {

    /** The fields of the Tasklist start form (forms/capture-lead.form). */
    static final List<String> FIELDS = List.of(LeadVariables.FIRST_NAME, LeadVariables.LAST_NAME, LeadVariables.EMAIL,
            LeadVariables.PHONE, LeadVariables.JOB_TITLE, LeadVariables.COMPANY, LeadVariables.COMPANY_SIZE,
            LeadVariables.INDUSTRY, LeadVariables.COUNTRY, LeadVariables.SOURCE, LeadVariables.CAMPAIGN);

    /** @param email, source the lead's own values when the form does not edit them */
    static LeadRequest request(Map<String, Object> v, String email, LeadSource source) {
        LeadSource formSource = source != null ? source : LeadSource.fromCode(text(v, LeadVariables.SOURCE));
        if (source == null && v.get(LeadVariables.SOURCE) != null && formSource == null) {
            throw new InvalidInputException(LeadVariables.SOURCE, "is not one of inbound, outbound, event, partner, referral");
        }
        return new LeadRequest(null, text(v, LeadVariables.FIRST_NAME), text(v, LeadVariables.LAST_NAME),
                email != null ? email : text(v, LeadVariables.EMAIL), text(v, LeadVariables.PHONE),
                text(v, LeadVariables.JOB_TITLE), text(v, LeadVariables.COMPANY),
                integer(v.get(LeadVariables.COMPANY_SIZE)), text(v, LeadVariables.INDUSTRY),
                upper(text(v, LeadVariables.COUNTRY)), formSource, text(v, LeadVariables.CAMPAIGN), List.of());
    }

    private static String text(Map<String, Object> variables, String field) {
        Object value = variables.get(field);
        if (value != null && !InputBounds.storable(value.toString())) {
            throw new InvalidInputException(field, InputBounds.NOT_STORABLE);
        }
        return value == null ? null : value.toString();
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(java.util.Locale.ROOT);
    }

    private static Integer integer(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Number number) {
            double n = number.doubleValue();
            if (n != Math.rint(n) || n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                throw new InvalidInputException(LeadVariables.COMPANY_SIZE, "must be a whole number of employees");
            }
            return (int) n;
        }
        try {
            return Integer.valueOf(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(LeadVariables.COMPANY_SIZE, "must be a whole number of employees");
        }
    }

    private LeadForms() {
    }
}
