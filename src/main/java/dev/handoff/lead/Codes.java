package dev.handoff.lead;

import java.util.Locale;

/** The lower-case codes by which the API and the models name the lead capability's enum constants. */
final class Codes {

    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The constant whose code is {@code code} (case and surrounding blanks ignored), or null. */
    static <E extends Enum<E>> E find(E[] values, String code) {
        String wanted = code == null ? "" : code.trim();
        for (E value : values) {
            if (of(value).equalsIgnoreCase(wanted)) {
                return value;
            }
        }
        return null;
    }

    private Codes() {
    }
}
