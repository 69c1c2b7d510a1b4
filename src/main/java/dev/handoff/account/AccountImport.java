package dev.handoff.account;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import dev.handoff.platform.ConflictException;
import dev.handoff.platform.FieldProblem;
import dev.handoff.platform.InputBounds;
import dev.handoff.platform.InvalidInputException;

/**
 * Accounts from CSV (a CRM's export): a header row with {@code name, domains, owner, team, tier}; {@code domains}
 * separated by {@code ;}. A row whose name is an account's already updates that account, so the same file may be
 * imported again. Each row stands alone: a bad row is reported with its fields and never blocks the others.
 */
@Component
class AccountImport {

    enum Status { CREATED, UPDATED, REJECTED }

    record RowResult(int row, Status status, Long id, List<FieldProblem> errors) {
    }

    record Report(int rows, long created, long updated, long rejected, List<RowResult> results) {
    }

    static final int MAX_ROWS = 10_000;
    static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final CsvMapper CSV = new CsvMapper();

    private final Accounts accounts;

    AccountImport(Accounts accounts) {
        this.accounts = accounts;
    }

    Report importCsv(InputStream body, String actor) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInputException("body", "is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
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
            throw new InvalidInputException("body", "is empty; send a header row and one row per account");
        }
        if (!InputBounds.storable(csv)) {
            throw new InvalidInputException("body", InputBounds.NOT_STORABLE);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnReordering(true);
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class).with(schema).readValues(csv)) {
            while (it.hasNextValue()) {
                rows.add(it.nextValue());
                if (rows.size() > MAX_ROWS) {
                    throw new InvalidInputException("body", "holds more than " + MAX_ROWS + " rows");
                }
            }
        } catch (JacksonException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            String why = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            throw new InvalidInputException("body", "is not CSV with a header row: " + InputBounds.abbreviate(why));
        }
        if (!rows.isEmpty() && !rows.get(0).containsKey("name")) {
            throw new InvalidInputException("body", "needs a header row with name, domains, owner, team and tier");
        }
        List<RowResult> results = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            results.add(importRow(i + 2, rows.get(i), actor));
        }
        return new Report(results.size(), count(results, Status.CREATED), count(results, Status.UPDATED),
                count(results, Status.REJECTED), results);
    }

    private RowResult importRow(int row, Map<String, String> v, String actor) {
        String domainText = v.get("domains");
        List<String> domains = domainText == null || domainText.isBlank() ? null
                : Arrays.stream(domainText.split("[;,\\s]+")).filter(d -> !d.isBlank()).toList();
        AccountRequest request = new AccountRequest(v.get("name"), domains, v.get("owner"), v.get("team"),
                v.get("tier"));
        try {
            Optional<Long> existing = accounts.idByName(request.name());
            if (existing.isPresent()) {
                return new RowResult(row, Status.UPDATED, accounts.update(existing.get(), request, actor).id(),
                        List.of());
            }
            return new RowResult(row, Status.CREATED, accounts.create(request, actor).id(), List.of());
        } catch (InvalidInputException e) {
            return new RowResult(row, Status.REJECTED, null, e.errors());
        } catch (ConflictException e) {
            return new RowResult(row, Status.REJECTED, null, List.of(new FieldProblem("domains", e.getMessage())));
        }
    }

    private static long count(List<RowResult> results, Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }
}
