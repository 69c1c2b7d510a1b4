package dev.handoff.platform;

import java.time.LocalDate;

/**
 * The bounds every input to Handoff is held to (README, "Input bounds"), in one place for the API, the CSV
 * import and the Tasklist forms.
 */
public final class InputBounds {

    /** Dates and timestamps Handoff reads: nothing before 2000 or after 2999 (PostgreSQL stores both ends). */
    public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2999, 12, 31);
    /** Longest text of a query parameter. */
    public static final int MAX_PARAMETER_LENGTH = 200;
    /** How much of an invalid value a problem repeats. */
    public static final int MAX_ECHO = 80;

    public static final String NOT_STORABLE = "must be text without NUL characters or unpaired surrogates";
    public static final String OUT_OF_RANGE = "must be between " + EARLIEST + " and " + LATEST;

    public static boolean inRange(LocalDate date) {
        return !date.isBefore(EARLIEST) && !date.isAfter(LATEST);
    }

    /** False for text with NUL or an unpaired surrogate, which no database stores as sent. */
    public static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** At most {@link #MAX_ECHO} characters of a value, for a problem's message. */
    public static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "… (" + text.length() + " characters)";
    }

    private InputBounds() {
    }
}
