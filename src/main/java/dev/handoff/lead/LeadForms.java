package dev.handoff.lead;

import java.util.List;
import java.util.Map;

import dev.handoff.platform.InvalidInputException;

/** Reads a lead from Camunda Form variables (the Tasklist start form and "Complete lead data"). */
final class LeadForms {

    /** @param email, source the lead's own values when the form does not edit them */
    static LeadRequest request(Map<String, Object> v, String email, LeadSource source) {
        LeadSource formSource = source != null ? source : LeadSource.fromCode(text(v.get(LeadVariables.SOURCE)));
        if (source == null && v.get(LeadVariables.SOURCE) != null && formSource == null) {
            throw new InvalidInputException(LeadVariables.SOURCE, "is not one of inbound, outbound, event, partner, referral");
        }
        return new LeadRequest(null, text(v.get(LeadVariables.FIRST_NAME)), text(v.get(LeadVariables.LAST_NAME)),
                email != null ? email : text(v.get(LeadVariables.EMAIL)), text(v.get(LeadVariables.PHONE)),
                text(v.get(LeadVariables.JOB_TITLE)), text(v.get(LeadVariables.COMPANY)),
                integer(v.get(LeadVariables.COMPANY_SIZE)), text(v.get(LeadVariables.INDUSTRY)),
                upper(text(v.get(LeadVariables.COUNTRY))), formSource, text(v.get(LeadVariables.CAMPAIGN)), List.of());
    }

    private static String text(Object value) {
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
            if (number.doubleValue() != Math.rint(number.doubleValue())) {
                throw new InvalidInputException(LeadVariables.COMPANY_SIZE, "must be a whole number of employees");
            }
            return number.intValue();
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
