package dev.handoff.lead;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A lead as Handoff's tables hold it: {@code id} is its identity in the API, {@code number} (L-000123) what people
 * read and search for, also the business key of its process.
 */
public record Lead(
        String id,
        String number,
        String externalId,
        String email,
        String firstName,
        String lastName,
        String phone,
        String jobTitle,
        String company,
        Integer companySize,
        String industry,
        String country,
        LeadSource source,
        String campaign,
        LeadStage stage,
        String stageReason,
        Integer fitPoints,
        String fitGrade,
        BigDecimal engagementScore,
        Integer mqlDefinitionVersion,
        Integer agreementNumber,
        String personaKey,
        String owner,
        String team,
        OffsetDateTime slaDueAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** The lead number of the {@code n}th lead, e.g. L-000123. */
    public static String number(long n) {
        return String.format(java.util.Locale.ROOT, "L-%06d", n);
    }

    public String name() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return name.isEmpty() ? email : name;
    }
}
