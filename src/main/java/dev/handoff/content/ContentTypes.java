package dev.handoff.content;

import java.util.Map;

/** What a person reads for a content type's code, as the request form labels it: {@code case_study} is "Case study". */
public final class ContentTypes {

    private static final Map<String, String> LABELS = Map.of("case_study", "Case study", "battlecard", "Battlecard",
            "one_pager", "One-pager", "deck", "Deck", "email_template", "Email template", "other", "Other");

    /** The label of a type, or the code itself (blanks for underscores) when it has none; null stays null. */
    public static String label(String code) {
        return code == null ? null : LABELS.getOrDefault(code, code.replace('_', ' '));
    }

    private ContentTypes() {
    }
}
