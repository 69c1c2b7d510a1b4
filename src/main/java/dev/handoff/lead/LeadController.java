package dev.handoff.lead;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.handoff.agreement.Catalogue;
import dev.handoff.identity.Groups;
import dev.handoff.platform.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Handoff's lead API for integrators and marketing; request examples in {@link LeadApiExamples}. */
@RestController
@RequestMapping("/api/leads")
@Tag(name = "Leads", description = "Capture leads, record what they do, report deal outcomes and read them back")
class LeadController {

    /** Groups that may push leads; who reads them is {@link LeadReaders}' business. */
    static final List<String> CAPTURING_GROUPS = List.of(Groups.INTEGRATION, Groups.MARKETING_OPS, Groups.DEMAND_GEN,
            Groups.MARKETING_MANAGERS);

    /** Deepest page of a listing: beyond it a client narrows by stage or owner instead. */
    static final int MAX_PAGE = 10_000;

    record Score(Integer fit, String grade, BigDecimal engagement) {
    }

    record LeadView(String id, String number, String externalId, LeadStage stage, String stageReason, String firstName,
            String lastName, String email, String phone, String jobTitle, String company, Integer companySize,
            String industry, String country, LeadSource source, String campaign, Score score,
            Integer mqlDefinitionVersion, Integer agreementNumber, String persona, String owner, String team,
            OffsetDateTime slaDueAt, OffsetDateTime createdAt, OffsetDateTime updatedAt, List<Engagement> engagements,
            List<LeadEvent> timeline) {

        static LeadView of(Lead l, List<Engagement> engagements, List<LeadEvent> timeline) {
            return new LeadView(l.id(), l.number(), l.externalId(), l.stage(), l.stageReason(), l.firstName(), l.lastName(),
                    l.email(), l.phone(), l.jobTitle(), l.company(), l.companySize(), l.industry(), l.country(),
                    l.source(), l.campaign(), new Score(l.fitPoints(), l.fitGrade(), l.engagementScore()),
                    l.mqlDefinitionVersion(), l.agreementNumber(), persona(l), l.owner(), l.team(), l.slaDueAt(),
                    l.createdAt(), l.updatedAt(), engagements, timeline);
        }

        /** The persona the lead's job title matched when it was scored; "unmatched" for none, null before. */
        private static String persona(Lead l) {
            return l.personaKey() == null && l.fitGrade() != null ? Catalogue.UNMATCHED : l.personaKey();
        }
    }

    record EngagementsRequest(
            @NotNull(message = "is required") @Size(min = 1, max = 100, message = "must hold 1 to 100 engagements")
            List<@Valid @NotNull Engagement> engagements) {
    }

    record PageView(List<LeadView> items, int page, int size, long total) {
    }

    private final Leads leads;
    private final LeadImport leadImport;
    private final CurrentUser user;
    private final LeadReaders readers;

    LeadController(Leads leads, LeadImport leadImport, CurrentUser user, LeadReaders readers) {
        this.leads = leads;
        this.leadImport = leadImport;
        this.user = user;
        this.readers = readers;
    }

    @Operation(summary = "Capture a lead", description = """
            Scores the lead with processes/lead-fit.dmn and processes/engagement-points.dmn, judges it with \
            processes/mql-definition.dmn and starts its lifecycle: an MQL is routed to sales at once. A lead that \
            repeats an open one (same externalId, or the email of a lead still open) adds its engagements to that \
            lead instead. For groups integration, marketing-ops, demand-gen and marketing-managers.""")
    @ApiResponse(responseCode = "201", description = "Created: the new lead with its stage and scores (Location)")
    @ApiResponse(responseCode = "200", description = "The open lead this one repeats, with the engagements added")
    @ApiResponse(responseCode = "403", description = "Not in a group that may create leads")
    @PostMapping
    ResponseEntity<LeadView> create(@Valid @RequestBody LeadRequest request) {
        user.requireAny(CAPTURING_GROUPS, "create leads");
        Leads.Capture capture = leads.capture(request, user.id());
        LeadView view = view(capture.details());
        return capture.created()
                ? ResponseEntity.created(URI.create("/api/leads/" + view.id())).body(view)
                : ResponseEntity.ok().location(URI.create("/api/leads/" + view.id())).body(view);
    }

    @Operation(summary = "Record engagements", description = """
            Adds what the lead did (engagements already recorded are skipped), re-scores it and wakes it if it waits \
            in nurture; the MQL definition then judges it again. For the groups that may create leads.""")
    @ApiResponse(responseCode = "202", description = "Recorded; the lead as it stands now")
    @ApiResponse(responseCode = "403", description = "Not in a group that may record engagement")
    @ApiResponse(responseCode = "404", description = "No lead with this id")
    @PostMapping("/{id}/engagements")
    ResponseEntity<LeadView> engagements(@Parameter(description = "The lead's id") @PathVariable String id,
            @Valid @RequestBody EngagementsRequest request) {
        user.requireAny(CAPTURING_GROUPS, "record engagement");
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(view(leads.recordEngagements(id, request.engagements(), user.id())));
    }

    record OutcomeRequest(@NotNull(message = "is required (won or lost)") String outcome, BigDecimal amount,
            @Size(max = 300) String reason) {
    }

    /** The CRM callback: won (with amount) or lost (with reason). */
    @Operation(summary = "Report a deal's outcome", description = """
            The CRM's callback for an opportunity: won (with the amount) or lost (with the reason). It completes the \
            account executive's "Record deal outcome" step; a lost deal returns to nurture after the cool-off. For \
            groups integration, ae and sales-managers.""")
    @ApiResponse(responseCode = "200", description = "Recorded; the lead as it stands now")
    @ApiResponse(responseCode = "403", description = "Not in a group that may report deal outcomes")
    @ApiResponse(responseCode = "404", description = "No lead with this id")
    @ApiResponse(responseCode = "409", description = "The lead is not an opportunity waiting for its outcome")
    @PostMapping("/{id}/outcome")
    LeadView outcome(@Parameter(description = "The lead's id") @PathVariable String id,
            @Valid @RequestBody OutcomeRequest request) {
        user.requireAny(List.of(Groups.INTEGRATION, Groups.AE, Groups.SALES_MANAGERS), "report deal outcomes");
        leads.reportOutcome(id, request.outcome(), request.amount(), request.reason());
        return view(id);
    }

    @Operation(summary = "Read a lead", description = """
            The lead's stage, scores, the version of the MQL definition that judged it, owner, SLA deadline, \
            engagements and timeline. For everybody signed in.""")
    @ApiResponse(responseCode = "200", description = "The lead")
    @ApiResponse(responseCode = "404", description = "No lead with this id")
    @GetMapping("/{id}")
    LeadView get(@Parameter(description = "The lead's id") @PathVariable String id) {
        Leads.Details details = leads.details(id);
        readers.requireReadable(details.lead());
        return LeadView.of(details.lead(), details.engagements(), details.timeline());
    }

    @Operation(summary = "List leads", description = "Newest first, a page at a time. For everybody signed in.")
    @GetMapping
    PageView list(@Parameter(description = "Only leads in this stage") @RequestParam(required = false) LeadStage stage,
            @Parameter(description = "Only leads owned by this user id") @RequestParam(required = false) String owner,
            @Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") @Min(0) @Max(MAX_PAGE)
            int page,
            @Parameter(description = "Leads per page") @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        Leads.Page result = leads.page(stage, owner, readers.scope(), page, size);
        return new PageView(result.items().stream().map(l -> LeadView.of(l, null, null)).toList(), result.page(),
                result.size(), result.total());
    }

    @Operation(summary = "Import leads from CSV", description = """
            A header row with the field names of "Capture a lead", then one lead per row; `engagements` holds \
            `type@timestamp` pairs separated by `;`. Every row is reported: created, duplicate (of an open lead) or \
            rejected with its invalid fields; a bad row never blocks the others. Imported leads are scored, judged \
            and routed in the background. For the groups that may create leads.""")
    @ApiResponse(responseCode = "200", description = "What became of every row")
    @ApiResponse(responseCode = "403", description = "Not in a group that may import leads")
    // The body is read as a stream (to bound its size while reading), so springdoc sees no @RequestBody.
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "UTF-8 CSV with a header row",
            content = { @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                    @Content(mediaType = "text/plain", schema = @Schema(type = "string")) })
    @PostMapping(path = "/import", consumes = { "text/csv", "text/plain" })
    LeadImport.Report importCsv(@Parameter(hidden = true) InputStream csv) throws IOException {
        user.requireAny(CAPTURING_GROUPS, "import leads");
        return leadImport.importCsv(csv, user.id());
    }

    private LeadView view(String id) {
        return view(leads.details(id));
    }

    private static LeadView view(Leads.Details details) {
        return LeadView.of(details.lead(), details.engagements(), details.timeline());
    }
}
