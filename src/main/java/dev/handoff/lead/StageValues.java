package dev.handoff.lead;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.handoff.platform.InvalidInputException;

/**
 * Reads the values the stages of the lead lifecycle pass around, as Tasklist forms and the API submit them; each
 * reader throws {@link InvalidInputException} naming the field.
 */
final class StageValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    static String oneOf(Object value, String field, Set<String> allowed) {
        String text = text(value);
        if (text == null || !allowed.contains(text)) {
            throw new InvalidInputException(field, "must be one of " + allowed.stream().sorted().toList());
        }
        return text;
    }

    static BigDecimal amount(Object value, String field) {
        try {
            BigDecimal amount = new BigDecimal(String.valueOf(value).trim());
            if (amount.signum() < 0) {
                throw new NumberFormatException();
            }
            // As the CRM callback: what the deal amount column holds, to the cent.
            if (amount.compareTo(Leads.MAX_AMOUNT) > 0 || amount.stripTrailingZeros().scale() > 2) {
                throw new InvalidInputException(field, "must be at most " + Leads.MAX_AMOUNT.toPlainString()
                        + " with at most 2 decimals");
            }
            return amount;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be an amount of 0 or more");
        }
    }

    /** A comma-separated list variable, e.g. the reps left out of a lead's next routing. */
    static Set<String> csv(DelegateExecution execution, String name) {
        String value = (String) execution.getVariable(name);
        return value == null || value.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(value.split(",")));
    }

    static String join(Set<String> values, String more) {
        Set<String> all = new LinkedHashSet<>(values);
        all.add(more);
        return String.join(",", all);
    }

    static long assignmentId(DelegateExecution execution) {
        return ((Number) execution.getVariable(LeadVariables.ASSIGNMENT_ID)).longValue();
    }

    static String minutes(Duration late) {
        return late.toMinutes() + " min";
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static OffsetDateTime utc(Date date) {
        return date.toInstant().atOffset(ZoneOffset.UTC);
    }

    static Date date(OffsetDateTime time) {
        return Date.from(time.toInstant());
    }

    private StageValues() {
    }
}
