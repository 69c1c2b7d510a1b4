package dev.handoff.platform;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;

/**
 * What Handoff's API reads from JSON beyond Jackson's own rules (application.yaml): text without NUL characters
 * or unpaired surrogates (no database stores them as sent), and timestamps and dates as ISO-8601 text only,
 * within {@link InputBounds#EARLIEST} and {@link InputBounds#LATEST}: a number such as {@code 1e308} is not
 * read as seconds since 1970; whole numbers and amounts as JSON numbers, not as text; yes or no as true or
 * false. Spring Boot registers this module with the API's object mapper; the engine REST API keeps its own
 * (a variable's declared type converts its value there).
 */
@Component
class StrictJson extends SimpleModule {

    private static final NumberDeserializers.IntegerDeserializer INTEGER =
            new NumberDeserializers.IntegerDeserializer(Integer.class, null);
    static final String NOT_TEXT = "must be ISO-8601 text, e.g. 2026-11-02T10:15:00Z or 2026-11-02";
    static final String NOT_A_NUMBER = "must be a JSON number, not text";
    static final String NOT_YES_OR_NO = "must be true or false";

    StrictJson() {
        super("handoff-strict-json");
        addDeserializer(String.class, new JsonDeserializer<>() {
            @Override
            public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String value = StringDeserializer.instance.deserialize(p, ctxt);
                if (value != null && !InputBounds.storable(value)) {
                    throw InvalidFormatException.from(p, InputBounds.NOT_STORABLE, InputBounds.abbreviate(value),
                            String.class);
                }
                return value;
            }
        });
        addDeserializer(Integer.class, new JsonDeserializer<>() {
            @Override
            public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                requireNumber(p, Integer.class);
                return INTEGER.deserialize(p, ctxt);
            }
        });
        addDeserializer(BigDecimal.class, new JsonDeserializer<>() {
            @Override
            public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                requireNumber(p, BigDecimal.class);
                return NumberDeserializers.BigDecimalDeserializer.instance.deserialize(p, ctxt);
            }
        });
        // Yes or no as true or false: Jackson reads blank text as none even without coercion of scalars.
        addDeserializer(Boolean.class, new JsonDeserializer<>() {
            @Override
            public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (!p.hasToken(JsonToken.VALUE_TRUE) && !p.hasToken(JsonToken.VALUE_FALSE)) {
                    throw InvalidFormatException.from(p, NOT_YES_OR_NO, InputBounds.abbreviate(p.getText()),
                            Boolean.class);
                }
                return p.getBooleanValue();
            }
        });
        addDeserializer(OffsetDateTime.class, new JsonDeserializer<>() {
            @Override
            public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                requireText(p, OffsetDateTime.class);
                OffsetDateTime value = InstantDeserializer.OFFSET_DATE_TIME.deserialize(p, ctxt);
                if (value != null && !InputBounds.inRange(value.toLocalDate())) {
                    throw InvalidFormatException.from(p, InputBounds.OUT_OF_RANGE, p.getText(), OffsetDateTime.class);
                }
                return value;
            }
        });
        addDeserializer(LocalDate.class, new JsonDeserializer<>() {
            @Override
            public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                requireText(p, LocalDate.class);
                // A day alone: Jackson would otherwise take the day of a timestamp and drop the rest.
                if (!p.getText().matches("\\d{4}-\\d{2}-\\d{2}")) {
                    throw InvalidFormatException.from(p, "must be a day as ISO-8601 text, e.g. 2026-11-02",
                            InputBounds.abbreviate(p.getText()), LocalDate.class);
                }
                LocalDate value = LocalDateDeserializer.INSTANCE.deserialize(p, ctxt);
                if (value != null && !InputBounds.inRange(value)) {
                    throw InvalidFormatException.from(p, InputBounds.OUT_OF_RANGE, p.getText(), LocalDate.class);
                }
                return value;
            }
        });
    }

    /** ISO text that says something: blank text, NUL or the word null would otherwise be read as no value. */
    private static void requireText(JsonParser p, Class<?> type) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_STRING) || !meaningful(p.getText())) {
            throw InvalidFormatException.from(p, NOT_TEXT, InputBounds.abbreviate(p.getText()), type);
        }
    }

    /**
     * A number as a JSON number: {@code "5"} is text, which Jackson would read as 5 (and blank text, NUL or the word
     * null as none). Without coercion of scalars (application.yaml) Jackson refuses it too, but names no reason.
     */
    private static void requireNumber(JsonParser p, Class<?> type) throws IOException {
        if (p.hasToken(JsonToken.VALUE_STRING)) {
            throw InvalidFormatException.from(p, NOT_A_NUMBER, InputBounds.abbreviate(p.getText()), type);
        }
    }

    private static boolean meaningful(String text) {
        return InputBounds.storable(text) && !text.isBlank() && !text.strip().equalsIgnoreCase("null");
    }
}
