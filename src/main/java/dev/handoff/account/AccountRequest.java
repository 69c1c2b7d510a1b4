package dev.handoff.account;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An account as the API or a CSV row submits it; {@link Accounts} checks what needs the database. */
public record AccountRequest(
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String name,
        @NotNull(message = "is required (the account's email domains, e.g. [\"acme.com\"])")
        @Size(min = 1, max = 50, message = "must hold 1 to 50 domains") List<String> domains,
        @NotBlank(message = "is required (the user id of the rep who owns the account)")
        @Size(max = 64, message = "must be at most 64 characters") String owner,
        @NotBlank(message = "is required (sdr, ae or sales-managers)")
        @Size(max = 64, message = "must be at most 64 characters") String team,
        @Size(max = 40, message = "must be at most 40 characters") String tier) {

    public AccountRequest {
        name = trim(name);
        owner = trim(owner);
        team = trim(team);
        tier = trim(tier);
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
