package dev.handoff.lead;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.handoff.identity.Groups;
import dev.handoff.platform.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A person's requests about their data, answered by marketing ops and the managers. */
@RestController
@RequestMapping("/api/leads/{id}")
@Tag(name = "Personal data", description = "Export or erase the person behind a lead")
class PersonalDataController {

    static final List<String> ANSWERING = List.of(Groups.MARKETING_OPS, Groups.MARKETING_MANAGERS,
            Groups.SALES_MANAGERS);

    private final PersonalData personalData;
    private final CurrentUser user;

    PersonalDataController(PersonalData personalData, CurrentUser user) {
        this.personalData = personalData;
        this.user = user;
    }

    @Operation(summary = "Erase the person", description = """
            Removes the person from Handoff's tables and timeline texts, ends and deletes the lead's processes with \
            their variables, tasks and the engine's whole history of them, and the decisions evaluated with the \
            email. The lead stays as an anonymous row, so every report still counts it. Cannot be undone; repeating \
            it is harmless. For marketing-ops, marketing-managers and sales-managers.""")
    @ApiResponse(responseCode = "200", description = "Erased; how many records were cleared where")
    @ApiResponse(responseCode = "403", description = "Not in marketing ops or a manager")
    @ApiResponse(responseCode = "404", description = "No lead with this id")
    @PostMapping("/erasure")
    PersonalData.Erasure erase(@Parameter(description = "The lead's id") @PathVariable String id) {
        user.requireAny(ANSWERING, "erase personal data");
        return personalData.erase(id, user.id());
    }

    @Operation(summary = "Export the person's data", description = """
            Everything Handoff keeps about the person: the lead, engagements, timeline, rejections, contact attempts \
            and assignments, as JSON. For marketing-ops, marketing-managers and sales-managers.""")
    @ApiResponse(responseCode = "200", description = "The person's data")
    @ApiResponse(responseCode = "403", description = "Not in marketing ops or a manager")
    @ApiResponse(responseCode = "404", description = "No lead with this id")
    @GetMapping("/export")
    Map<String, Object> export(@Parameter(description = "The lead's id") @PathVariable String id) {
        user.requireAny(ANSWERING, "export personal data");
        return personalData.export(id);
    }
}
