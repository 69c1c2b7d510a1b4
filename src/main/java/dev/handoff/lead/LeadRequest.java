package dev.handoff.lead;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A lead as an integrator, a CSV row or the Tasklist start form submits it. Only email and source are
 * required to accept it; the MQL definition decides what else it needs.
 */
public record LeadRequest(
        @Size(max = 100) String externalId,
        @Size(max = 100) String firstName,
        @Size(max = 100) String lastName,
        @NotBlank(message = "is required") @Email(message = "must be a valid email address") @Size(max = 254) String email,
        @Size(max = 40) @Pattern(regexp = "[+0-9 ()./-]*", message = "may hold digits, spaces and + ( ) . / - only") String phone,
        @Size(max = 150) String jobTitle,
        @Size(max = 200) String company,
        @Positive(message = "must be a whole number of employees, at least 1")
        @Max(value = 10_000_000, message = "must be at most 10,000,000 employees") Integer companySize,
        @Size(max = 100) String industry,
        @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as DE or US") @IsoCountry String country,
        @NotNull(message = "is required (inbound, outbound, event, partner, referral)") LeadSource source,
        @Size(max = 150) String campaign,
        @Size(max = 100, message = "may hold at most 100 engagements per request") List<@Valid @NotNull Engagement> engagements) {

    public LeadRequest {
        externalId = blankToNull(externalId);
        firstName = blankToNull(firstName);
        lastName = blankToNull(lastName);
        email = blankToNull(email);
        phone = blankToNull(phone);
        jobTitle = blankToNull(jobTitle);
        company = blankToNull(company);
        industry = blankToNull(industry);
        country = blankToNull(country);
        campaign = blankToNull(campaign);
        engagements = engagements == null ? List.of() : engagements;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
