package dev.handoff.lead;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.stereotype.Component;

import dev.handoff.platform.CsvUpload;
import dev.handoff.platform.CurrentUser;
import dev.handoff.platform.FieldProblem;
import dev.handoff.platform.InputBounds;
import dev.handoff.platform.InvalidInputException;

/**
 * CSV import with a header row naming the same fields as the JSON API; {@code engagements} holds
 * {@code type@timestamp} pairs separated by {@code ;}. Each row stands alone: a bad row is reported and
 * never blocks the good ones. Imported leads are validated, de-duplicated and recorded at once; scoring,
 * the MQL definition and routing follow in the background.
 */
@Component
class LeadImport {

    enum Status { CREATED, DUPLICATE, REJECTED }

    record RowResult(int row, Status status, String id, List<FieldProblem> errors) {
    }

    record Report(int rows, long created, long duplicates, long rejected, List<RowResult> results) {
    }

    private static final int THREADS = 4;
    static final int MAX_ROWS = 100_000;
    static final int MAX_BYTES = 32 * 1024 * 1024;

    private final Leads leads;
    private final CurrentUser user;

    LeadImport(Leads leads, CurrentUser user) {
        this.leads = leads;
        this.user = user;
    }

    /**
     * Reads the whole file before importing any row, so a file that is not CSV, too large, or not UTF-8
     * imports nothing. A UTF-8 byte-order mark (Excel's "CSV UTF-8") is skipped.
     */
    Report importCsv(InputStream body, String actor) throws IOException {
        List<Map<String, String>> rows = CsvUpload.rows(body, MAX_BYTES, MAX_ROWS, "lead");
        // Rows are independent, so a few threads keep the engine busy while others wait on the database.
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            // Rows of one email run in file order, so the first of them is the one created.
            Map<String, List<Integer>> byEmail = new LinkedHashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                String email = rows.get(i).get("email");
                String key = email == null ? "#" + i : email.trim().toLowerCase(java.util.Locale.ROOT);
                byEmail.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
            RowResult[] results = new RowResult[rows.size()];
            List<Future<?>> futures = new ArrayList<>();
            for (List<Integer> group : byEmail.values()) {
                futures.add(pool.submit(
                        user.carry(() -> group.forEach(i -> results[i] = importRow(i + 2, rows.get(i), actor)))));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            List<RowResult> report = List.of(results);
            return new Report(report.size(), count(report, Status.CREATED), count(report, Status.DUPLICATE),
                    count(report, Status.REJECTED), report);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Import interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Import failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private RowResult importRow(int row, Map<String, String> values, String actor) {
        try {
            Leads.Capture capture = leads.captureInBackground(request(values), actor);
            return new RowResult(row, capture.created() ? Status.CREATED : Status.DUPLICATE, capture.lead().id(),
                    List.of());
        } catch (InvalidInputException e) {
            return new RowResult(row, Status.REJECTED, null, e.errors());
        } catch (RuntimeException e) {
            return new RowResult(row, Status.REJECTED, null, List.of(new FieldProblem("row", String.valueOf(e.getMessage()))));
        }
    }

    static LeadRequest request(Map<String, String> v) {
        List<FieldProblem> problems = new ArrayList<>();
        Integer size = null;
        String sizeText = v.get("companySize");
        if (sizeText != null && !sizeText.isBlank()) {
            try {
                size = Integer.valueOf(sizeText.trim());
            } catch (NumberFormatException e) {
                problems.add(new FieldProblem("companySize", "must be a whole number of employees, at least 1"));
            }
        }
        LeadSource source = LeadSource.fromCode(v.get("source"));
        if (source == null && v.get("source") != null && !v.get("source").isBlank()) {
            problems.add(new FieldProblem("source", "cannot read '" + v.get("source")
                    + "' (allowed: inbound, outbound, event, partner, referral)"));
        }
        List<Engagement> engagements = new ArrayList<>();
        String engagementText = v.get("engagements");
        if (engagementText != null && !engagementText.isBlank()) {
            Iterator<String> parts = List.of(engagementText.split(";")).iterator();
            for (int i = 0; parts.hasNext(); i++) {
                String part = parts.next().trim();
                int at = part.indexOf('@');
                EngagementType type = at < 0 ? null : EngagementType.fromCode(part.substring(0, at));
                try {
                    if (type == null) {
                        throw new IllegalArgumentException();
                    }
                    OffsetDateTime occurredAt = OffsetDateTime.parse(part.substring(at + 1).trim());
                    if (!InputBounds.inRange(occurredAt.toLocalDate())) {
                        throw new IllegalArgumentException();
                    }
                    engagements.add(new Engagement(type, occurredAt));
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    problems.add(new FieldProblem("engagements[" + i + "]",
                            "must be type@timestamp, e.g. demo_request@2026-11-02T10:15:00Z"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String country = v.get("country");
        return new LeadRequest(v.get("externalId"), v.get("firstName"), v.get("lastName"), v.get("email"),
                v.get("phone"), v.get("jobTitle"), v.get("company"), size, v.get("industry"),
                country == null ? null : country.trim().toUpperCase(java.util.Locale.ROOT), source, v.get("campaign"),
                engagements);
    }

    private static long count(List<RowResult> results, Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }
}
