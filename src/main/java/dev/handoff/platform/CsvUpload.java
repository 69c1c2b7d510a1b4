package dev.handoff.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * An uploaded CSV file (lead or account import), read whole before any row is used: a file that is too large, not
 * UTF-8, not CSV with a header row, or holds more rows than allowed is refused as a whole (400 naming
 * {@code body}) and imports nothing. A UTF-8 byte-order mark (Excel's "CSV UTF-8") is skipped.
 */
public final class CsvUpload {

    private static final CsvMapper CSV = new CsvMapper();

    /** The rows, each by its header's column names; {@code rowName} says what a row is ("lead", "account"). */
    public static List<Map<String, String>> rows(InputStream body, int maxBytes, int maxRows, String rowName)
            throws IOException {
        byte[] bytes = body.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new InvalidInputException("body", "is larger than " + maxBytes / (1024 * 1024)
                    + " MiB; import at most " + maxRows + " rows in " + maxBytes / (1024 * 1024) + " MiB at once");
        }
        String csv;
        try {
            csv = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("body", "is not UTF-8 text (save the file as \"CSV UTF-8\")");
        }
        if (csv.startsWith("\uFEFF")) {
            csv = csv.substring(1);
        }
        if (csv.isBlank()) {
            throw new InvalidInputException("body", "is empty; send a header row and one row per " + rowName);
        }
        if (!InputBounds.storable(csv)) {
            throw new InvalidInputException("body", InputBounds.NOT_STORABLE);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnReordering(true);
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class).with(schema).readValues(csv)) {
            while (it.hasNextValue()) {
                rows.add(it.nextValue());
                if (rows.size() > maxRows) {
                    throw new InvalidInputException("body", "holds more than " + maxRows
                            + " rows; import at most " + maxRows + " at once");
                }
            }
        } catch (JacksonException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            String where = e instanceof JacksonException j && j.getLocation() != null
                    ? " (line " + j.getLocation().getLineNr() + ")" : "";
            String why = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            throw new InvalidInputException("body", "is not CSV with a header row" + where + ": "
                    + InputBounds.abbreviate(why));
        }
        return rows;
    }

    private CsvUpload() {
    }
}
