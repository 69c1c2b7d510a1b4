package dev.handoff.content;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a sales rep asks for, from the API or Tasklist's start form. */
record NewContentRequest(
        @NotBlank @Pattern(regexp = TYPES, message = "must be one of " + TYPE_LIST) String type,
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 2000) String need,
        @NotBlank @Size(max = 100) String persona,
        @Size(max = 64) String leadId,
        @NotNull LocalDate neededBy) {

    static final String TYPES = "case_study|battlecard|one_pager|deck|email_template|other";
    static final String TYPE_LIST = "case_study, battlecard, one_pager, deck, email_template, other";
}
