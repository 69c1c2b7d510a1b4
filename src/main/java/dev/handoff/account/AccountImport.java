package dev.handoff.account;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.handoff.platform.ConflictException;
import dev.handoff.platform.CsvUpload;
import dev.handoff.platform.FieldProblem;
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

    private final Accounts accounts;

    AccountImport(Accounts accounts) {
        this.accounts = accounts;
    }

    Report importCsv(InputStream body, String actor) throws IOException {
        List<Map<String, String>> rows = CsvUpload.rows(body, MAX_BYTES, MAX_ROWS, "account");
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
