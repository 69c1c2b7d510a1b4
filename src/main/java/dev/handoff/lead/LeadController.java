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

import dev.handoff.identity.Groups;
import dev.handoff.platform.CurrentUser;

/** Handoff's lead API for integrators and marketing. */
@RestController
@RequestMapping("/api/leads")
class LeadController {

    /** Groups that may push leads; everybody signed in may read them. */
    static final List<String> CAPTURING_GROUPS = List.of(Groups.INTEGRATION, Groups.MARKETING_OPS, Groups.DEMAND_GEN,
            Groups.MARKETING_MANAGERS);

    /** Deepest page of a listing: beyond it a client narrows by stage or owner instead. */
    static final int MAX_PAGE = 10_000;

    record Score(Integer fit, String grade, BigDecimal engagement) {
    }

    record LeadView(String id, String externalId, LeadStage stage, String stageReason, String firstName,
            String lastName, String email, String phone, String jobTitle, String company, Integer companySize,
            String industry, String country, LeadSource source, String campaign, Score score,
            Integer mqlDefinitionVersion, String owner, String team, OffsetDateTime slaDueAt, OffsetDateTime createdAt,
            OffsetDateTime updatedAt, List<Engagement> engagements, List<LeadEvent> timeline) {

        static LeadView of(Lead l, List<Engagement> engagements, List<LeadEvent> timeline) {
            return new LeadView(l.id(), l.externalId(), l.stage(), l.stageReason(), l.firstName(), l.lastName(),
                    l.email(), l.phone(), l.jobTitle(), l.company(), l.companySize(), l.industry(), l.country(),
                    l.source(), l.campaign(), new Score(l.fitPoints(), l.fitGrade(), l.engagementScore()),
                    l.mqlDefinitionVersion(), l.owner(), l.team(), l.slaDueAt(), l.createdAt(), l.updatedAt(),
                    engagements, timeline);
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

    LeadController(Leads leads, LeadImport leadImport, CurrentUser user) {
        this.leads = leads;
        this.leadImport = leadImport;
        this.user = user;
    }

    @PostMapping
    ResponseEntity<LeadView> create(@Valid @RequestBody LeadRequest request) {
        user.requireAny(CAPTURING_GROUPS, "create leads");
        Leads.Capture capture = leads.capture(request, user.id());
        LeadView view = view(capture.lead().id());
        return capture.created()
                ? ResponseEntity.created(URI.create("/api/leads/" + view.id())).body(view)
                : ResponseEntity.ok().location(URI.create("/api/leads/" + view.id())).body(view);
    }

    @PostMapping("/{id}/engagements")
    ResponseEntity<LeadView> engagements(@PathVariable String id, @Valid @RequestBody EngagementsRequest request) {
        user.requireAny(CAPTURING_GROUPS, "record engagement");
        leads.recordEngagements(id, request.engagements(), user.id());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(id));
    }

    record OutcomeRequest(@NotNull(message = "is required (won or lost)") String outcome, BigDecimal amount,
            @Size(max = 300) String reason) {
    }

    /** The CRM callback: won (with amount) or lost (with reason). */
    @PostMapping("/{id}/outcome")
    LeadView outcome(@PathVariable String id, @Valid @RequestBody OutcomeRequest request) {
        user.requireAny(List.of(Groups.INTEGRATION, Groups.AE, Groups.SALES_MANAGERS), "report deal outcomes");
        leads.reportOutcome(id, request.outcome(), request.amount(), request.reason());
        return view(id);
    }

    @GetMapping("/{id}")
    LeadView get(@PathVariable String id) {
        return view(id);
    }

    @GetMapping
    PageView list(@RequestParam(required = false) LeadStage stage, @RequestParam(required = false) String owner,
            @RequestParam(defaultValue = "0") @Min(0) @Max(MAX_PAGE) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        Leads.Page result = leads.page(stage, owner, page, size);
        return new PageView(result.items().stream().map(l -> LeadView.of(l, null, null)).toList(), result.page(),
                result.size(), result.total());
    }

    @PostMapping(path = "/import", consumes = { "text/csv", "text/plain" })
    LeadImport.Report importCsv(InputStream csv) throws IOException {
        user.requireAny(CAPTURING_GROUPS, "import leads");
        return leadImport.importCsv(csv, user.id());
    }

    private LeadView view(String id) {
        Leads.Details details = leads.details(id);
        return LeadView.of(details.lead(), details.engagements(), details.timeline());
    }
}
