package dev.handoff.lead;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A lead as Handoff's tables hold it. */
public record Lead(
        String id,
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
        String owner,
        String team,
        OffsetDateTime slaDueAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public String name() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return name.isEmpty() ? email : name;
    }
}
