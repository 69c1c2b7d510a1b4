package dev.handoff.lead;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A place that keeps a lead's personal data, which erasure clears. {@link PersonalData} lists the places and runs
 * them in one transaction; a capability that starts keeping personal data (the outbox, say) adds a bean of this
 * type, and the erasure test's scan of every table proves nothing was forgotten.
 */
public interface PersonalDataStore {

    /** The person as Handoff knew them: what to look for in free texts, and the lead's number (business key). */
    record Subject(String leadId, String number, String email, List<String> values) {

        /** The text with every personal value of the lead replaced by "[erased]", whatever its case. */
        public String scrub(String text) {
            if (text == null) {
                return null;
            }
            String result = text;
            for (String value : values) {
                result = Pattern.compile(Pattern.quote(value), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                        .matcher(result).replaceAll("[erased]");
            }
            return result;
        }

        public boolean mentions(String text) {
            if (text == null) {
                return false;
            }
            String lower = text.toLowerCase(Locale.ROOT);
            return values.stream().anyMatch(v -> lower.contains(v.toLowerCase(Locale.ROOT)));
        }
    }

    /** What this place holds, for the erasure's answer, e.g. "engine history". */
    String what();

    /** Clears the subject's personal data here; returns how many records it changed or removed. */
    int erase(Subject subject);
}
