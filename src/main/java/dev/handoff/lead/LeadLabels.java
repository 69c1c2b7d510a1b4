package dev.handoff.lead;

import java.util.Map;

/**
 * What a person reads for the codes the lead forms and the API use (rejection reasons, contact channels and
 * outcomes, disqualification reasons), worded as the forms' options word them, for texts that run
 * inside a sentence: "rejected by sam: below the MQL definition". The codes stay in the API and the variables.
 */
public final class LeadLabels {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("misrouted", "misrouted"),
            Map.entry("bad_data", "bad data"),
            Map.entry("below_definition", "below the MQL definition"),
            Map.entry("phone", "phone"),
            Map.entry("email", "email"),
            Map.entry("linkedin", "LinkedIn"),
            Map.entry("no_answer", "no answer"),
            Map.entry("left_message", "left a message"),
            Map.entry("connected", "connected, no meeting yet"),
            Map.entry("meeting_booked", "meeting booked"),
            Map.entry("disqualified", "disqualified after contact"),
            Map.entry("no_budget", "no budget"),
            Map.entry("no_need", "no need"),
            Map.entry("competitor", "chose a competitor"),
            Map.entry("unreachable", "unreachable"),
            Map.entry("other", "other"));

    /** The label of a code, or the code itself (blanks for underscores) when it has none; null stays null. */
    public static String of(String code) {
        if (code == null) {
            return null;
        }
        return LABELS.getOrDefault(code, code.replace('_', ' '));
    }

    private LeadLabels() {
    }
}
