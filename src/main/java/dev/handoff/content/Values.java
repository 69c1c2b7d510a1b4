package dev.handoff.content;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;

/**
 * Reads form values as Tasklist and the API submit them: dates as {@code 2026-05-04} (or a full timestamp),
 * numbers as numbers or text. Each reader throws {@link InvalidContentInput} naming the field.
 */
final class Values {

    static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    static String requiredText(Object value, String field, int maxLength) {
        String text = text(value);
        if (text == null) {
            throw new InvalidContentInput(field, "is required");
        }
        if (text.length() > maxLength) {
            throw new InvalidContentInput(field, "must be at most " + maxLength + " characters");
        }
        return text;
    }

    static LocalDate date(Object value, String field, ZoneId zone) {
        if (value == null || value instanceof LocalDate) {
            return (LocalDate) value;
        }
        if (value instanceof Date date) {
            return date.toInstant().atZone(zone).toLocalDate();
        }
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return text.length() <= 10 ? LocalDate.parse(text)
                    : OffsetDateTime.parse(text).atZoneSameInstant(zone).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new InvalidContentInput(field, "is not a date like 2026-05-04: '" + text + "'");
        }
    }

    static Long whole(Object value, String field) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            if (number.doubleValue() != Math.rint(number.doubleValue())) {
                throw new InvalidContentInput(field, "must be a whole number");
            }
            return number.longValue();
        }
        String text = text(value);
        if (text == null) {
            return null;
        }
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            throw new InvalidContentInput(field, "must be a whole number: '" + text + "'");
        }
    }

    private Values() {
    }
}
