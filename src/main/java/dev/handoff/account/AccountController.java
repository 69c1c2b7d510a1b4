package dev.handoff.account;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.handoff.identity.Groups;
import dev.handoff.platform.CurrentUser;
import dev.handoff.platform.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Sales managers and marketing ops keep the accounts; routing reads them for every MQL. */
@RestController
@RequestMapping("/api/accounts")
@Tag(name = "Accounts", description = "Companies sales works already: their leads go to the account's owner")
class AccountController {

    static final List<String> KEEPERS = List.of(Groups.SALES_MANAGERS, Groups.MARKETING_OPS);

    record PageView(List<Account> items, int page, int size, long total) {
    }

    private final Accounts accounts;
    private final AccountImport accountImport;
    private final CurrentUser user;

    AccountController(Accounts accounts, AccountImport accountImport, CurrentUser user) {
        this.accounts = accounts;
        this.accountImport = accountImport;
        this.user = user;
    }

    @Operation(summary = "List accounts", description = "By name, a page at a time. For everybody signed in.")
    @ApiResponse(responseCode = "200", description = "A page of accounts")
    @GetMapping
    PageView list(@Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") @Min(0)
            @Max(10_000) int page,
            @Parameter(description = "Accounts per page") @RequestParam(defaultValue = "50") @Min(1) @Max(200)
            int size) {
        return new PageView(accounts.list(page, size), page, size, accounts.count());
    }

    @Operation(summary = "Read an account", description = "Name, domains, owner, team and tier. For everybody signed in.")
    @ApiResponse(responseCode = "200", description = "The account")
    @ApiResponse(responseCode = "404", description = "No account with this id")
    @GetMapping("/{id}")
    Account get(@Parameter(description = "The account's id") @PathVariable long id) {
        return accounts.get(id);
    }

    @Operation(summary = "Create an account", description = """
            Name, email domains (never a free-mail domain such as gmail.com), owner (a member of the team) and team \
            (sdr, ae or sales-managers), optional tier. A lead from one of the domains, or naming the company, goes \
            to the owner while the owner may take leads (processes/account-matching.dmn). For sales-managers and \
            marketing-ops.""")
    @ApiResponse(responseCode = "201", description = "Created (Location)")
    @ApiResponse(responseCode = "400", description = "Invalid fields, each named")
    @ApiResponse(responseCode = "403", description = "Not a sales manager or in marketing ops")
    @ApiResponse(responseCode = "409", description = "Another account has the name or a domain")
    @PostMapping
    ResponseEntity<Account> create(@RequestBody AccountRequest request) {
        user.requireAny(KEEPERS, "keep accounts");
        Account account = accounts.create(request, user.id());
        return ResponseEntity.created(URI.create("/api/accounts/" + account.id())).body(account);
    }

    @Operation(summary = "Replace an account", description = "All fields as for creating. For the same groups.")
    @ApiResponse(responseCode = "404", description = "No account with this id")
    @ApiResponse(responseCode = "200", description = "The account as it stands now")
    @ApiResponse(responseCode = "400", description = "Invalid fields, each named")
    @ApiResponse(responseCode = "403", description = "Not a sales manager or in marketing ops")
    @ApiResponse(responseCode = "409", description = "Another account has the name or a domain")
    @PutMapping("/{id}")
    Account update(@Parameter(description = "The account's id") @PathVariable long id, @RequestBody AccountRequest request) {
        user.requireAny(KEEPERS, "keep accounts");
        return accounts.update(id, request, user.id());
    }

    @Operation(summary = "Delete an account", description = """
            Leads routed already keep their owner; new leads of its domains go to round robin. For the same \
            groups.""")
    @ApiResponse(responseCode = "200", description = "Deleted; the account as it was")
    @ApiResponse(responseCode = "403", description = "Not a sales manager or in marketing ops")
    @ApiResponse(responseCode = "404", description = "No account with this id")
    @DeleteMapping("/{id}")
    Account delete(@Parameter(description = "The account's id") @PathVariable long id) {
        user.requireAny(KEEPERS, "keep accounts");
        Account account = accounts.get(id);
        accounts.delete(id);
        return account;
    }

    @Operation(summary = "Try the matching", description = """
            What processes/account-matching.dmn decides for a lead with this email and company, and why. For \
            everybody signed in.""")
    @ApiResponse(responseCode = "200", description = "The decision: account, how it matched and why")
    @GetMapping("/match")
    Accounts.Match match(@Parameter(description = "The lead's email") @RequestParam(required = false)
            @Size(max = 254) String email,
            @Parameter(description = "The lead's company") @RequestParam(required = false) @Size(max = 200)
            String company) {
        if (email == null && company == null) {
            throw new InvalidInputException("email", "or company is required");
        }
        return accounts.match(email, company);
    }

    @Operation(summary = "Import accounts from CSV", description = """
            A header row `name,domains,owner,team,tier`, one account per row, domains separated by `;`. A row \
            naming an account that exists replaces it. Every row is reported: created, updated or rejected with \
            its invalid fields. For sales-managers and marketing-ops.""")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "UTF-8 CSV with a header row",
            content = { @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                    @Content(mediaType = "text/plain", schema = @Schema(type = "string")) })
    @ApiResponse(responseCode = "200", description = "What became of every row")
    @ApiResponse(responseCode = "403", description = "Not a sales manager or in marketing ops")
    @PostMapping(path = "/import", consumes = { "text/csv", "text/plain" })
    AccountImport.Report importCsv(@Parameter(hidden = true) InputStream csv) throws IOException {
        user.requireAny(KEEPERS, "import accounts");
        return accountImport.importCsv(csv, user.id());
    }
}
