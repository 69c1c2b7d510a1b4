package dev.handoff.report;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.handoff.identity.Groups;
import dev.handoff.lead.LeadSource;
import dev.handoff.platform.CurrentUser;
import dev.handoff.platform.EngineClock;
import dev.handoff.platform.FieldProblem;
import dev.handoff.platform.InputBounds;
import dev.handoff.platform.InvalidInputException;
import dev.handoff.platform.NotFoundException;
import dev.handoff.sla.BusinessTime;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The alignment reports, for managers of both sides and admins. Every report covers whole days {@code from}
 * to {@code to} (both included, default: the last 90 days) in the business-hours zone.
 */
@RestController
@RequestMapping("/api/reports")
@Tag(name = "Reports", description = """
        Figures both teams trust, for sales-managers, marketing-managers and camunda-admin. A period is whole days \
        `from` to `to` (both included, default the last 90 days) in the business-hours zone.""")
@ApiResponse(responseCode = "200", description = "The report")
@ApiResponse(responseCode = "403", description = "Not a sales or marketing manager")
class ReportController {

    static final List<String> READERS = List.of(Groups.SALES_MANAGERS, Groups.MARKETING_MANAGERS);
    static final int DEFAULT_DAYS = 90;
    /** The longest report window: three years. */
    static final int MAX_DAYS = 1096;

    private final FunnelReport funnel;
    private final SlaReport sla;
    private final RejectionReport rejections;
    private final ContentReport content;
    private final AttributionReport attribution;
    private final QuarterDiagnosis diagnosis;
    private final BottleneckReport bottlenecks;
    private final ReviewLog reviewLog;
    private final RepositoryService repositoryService;
    private final CurrentUser user;
    private final ZoneId zone;

    ReportController(FunnelReport funnel, SlaReport sla, RejectionReport rejections, ContentReport content,
            AttributionReport attribution, QuarterDiagnosis diagnosis, BottleneckReport bottlenecks,
            ReviewLog reviewLog, RepositoryService repositoryService, CurrentUser user, BusinessTime businessTime) {
        this.funnel = funnel;
        this.sla = sla;
        this.rejections = rejections;
        this.content = content;
        this.attribution = attribution;
        this.diagnosis = diagnosis;
        this.bottlenecks = bottlenecks;
        this.reviewLog = reviewLog;
        this.repositoryService = repositoryService;
        this.user = user;
        this.zone = businessTime.hours().zone();
    }

    @Operation(summary = "Funnel", description = """
            Leads created in the period: how many reached MQL, SAL, SQL, opportunity and won, the conversion rates, \
            per MQL definition version and per source and campaign.""")
    @GetMapping("/funnel")
    FunnelReport.Funnel funnel(@ParameterObject ReportQuery query) {
        authorize();
        return funnel.funnel(window(query.from(), query.to()), filter(query));
    }

    @Operation(summary = "SLA compliance", description = """
            SDR clocks started in the period: compliance, accepted within the SLA, median and p90 time to accept in \
            business time, breaches, reassignments and escalations per team and rep, the weekly trend, and \
            speed-to-lead (created to first contact, wall-clock).""")
    @GetMapping("/sla")
    SlaReport.Sla sla(@ParameterObject ReportQuery query) {
        authorize();
        return sla.sla(window(query.from(), query.to()), filter(query), zone);
    }

    @Operation(summary = "Rejections", description = """
            Rejections by reason, campaign and rep; review and arbitration outcomes; the acceptance rate of the \
            period's SDR decisions against its target.""")
    @GetMapping("/rejections")
    RejectionReport.Rejections rejections(@ParameterObject ReportQuery query) {
        authorize();
        return rejections.rejections(window(query.from(), query.to()), filter(query));
    }

    /** Content has no team, source or campaign; {@code rep} means the requester. */
    @Operation(summary = "Content requests", description = """
            Content requests of the period: status, reuse rate, triage and cycle time, revisions, alignment items \
            and ratings. Only `rep` (the requester) narrows it; team, source and campaign do not apply.""")
    @GetMapping("/content")
    ContentReport.Content content(@ParameterObject ReportQuery query) {
        authorize();
        return content.content(window(query.from(), query.to()), filter(null, query.rep(), null, null));
    }

    @Operation(summary = "Revenue attribution", description = """
            Won revenue closed in the period by source and campaign: outbound deals are sales-sourced, the rest \
            marketing-sourced; both teams are credited with all of it.""")
    @GetMapping("/attribution")
    AttributionReport.Attribution attribution(@ParameterObject ReportQuery query) {
        authorize();
        return attribution.attribution(window(query.from(), query.to()), filter(query));
    }

    @Operation(summary = "Quarter diagnosis", description = """
            SLA_NOT_HONOURED, LEADS_BELOW_EXPECTATION, MESSAGE_MISMATCH or HEALTHY (NO_DATA without leads), checked \
            in that order, with the findings, the quarter's figures and the targets.""")
    @ApiResponse(responseCode = "400", description = "The quarter or source is invalid: `errors` names it")
    @GetMapping("/quarter-diagnosis")
    QuarterDiagnosis.Diagnosis quarterDiagnosis(
            @Parameter(description = "The quarter, e.g. 2026-Q4; default the current one")
            @RequestParam(required = false) String quarter,
            @Parameter(description = "Only this sales team (group)") @RequestParam(required = false) String team,
            @Parameter(description = "Only leads of this source") @RequestParam(required = false) String source,
            @Parameter(description = "Only leads of this campaign") @RequestParam(required = false) String campaign) {
        authorize();
        return diagnosis.diagnose(quarter == null ? currentQuarter() : quarter, filter(team, null, source, campaign),
                zone);
    }

    @Operation(summary = "Bottlenecks", description = """
            Per activity of a process, from the engine's history: how many wait now, the median and p90 duration of \
            those that ended in the period, and user tasks past their due date. Give the key or the id. A call \
            activity counts the leads in its stage and the breaches of the stage's tasks; with stages=true the \
            activities of the processes the call activities started (lead-lifecycle's stages) follow, each with \
            its process's key.""")
    @ApiResponse(responseCode = "404", description = "No such process definition that you may read")
    @GetMapping("/bottlenecks")
    BottleneckReport.Bottlenecks bottlenecks(
            @Parameter(description = "The process's key, e.g. lead-lifecycle (its latest version)")
            @RequestParam(required = false) String processDefinitionKey,
            @Parameter(description = "Or one version's id") @RequestParam(required = false) String processDefinitionId,
            @Parameter(description = ReportQuery.FROM) @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = ReportQuery.TO) @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "Also the activities of the processes its call activities started")
            @RequestParam(defaultValue = "false") boolean stages) {
        authorize();
        if (processDefinitionKey == null && processDefinitionId == null) {
            throw new InvalidInputException("processDefinitionKey", "is required (or processDefinitionId)");
        }
        // The engine's authorization decides which processes this manager may look into.
        var query = repositoryService.createProcessDefinitionQuery();
        var visible = processDefinitionId != null ? query.processDefinitionId(processDefinitionId).list()
                : query.processDefinitionKey(processDefinitionKey).latestVersion().list();
        if (visible.isEmpty()) {
            throw new NotFoundException("No process definition " + (processDefinitionId != null ? processDefinitionId
                    : processDefinitionKey) + " that you may read.");
        }
        Window window = window(from, to);
        BottleneckReport.Bottlenecks report = bottlenecks.bottlenecks(visible.get(0).getKey(), processDefinitionId,
                window);
        if (!stages) {
            return report;
        }
        List<BottleneckReport.Activity> activities = new ArrayList<>(report.activities());
        for (String called : bottlenecks.calledKeys(report.processDefinitionKey())) {
            if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(called).count() > 0) {
                activities.addAll(bottlenecks.bottlenecks(called, null, window).activities());
            }
        }
        return new BottleneckReport.Bottlenecks(report.processDefinitionKey(), report.processDefinitionId(), window,
                activities);
    }

    /** What the alignment reviews reviewed in the period decided, newest first. */
    @Operation(summary = "Alignment reviews", description = """
            What the alignment reviews held in the period decided: period, verdict, follow-up, notes, objectives, \
            who and when, newest first.""")
    @GetMapping("/reviews")
    List<ReviewLog.Review> reviews(
            @Parameter(description = "Only this cadence: weekly, monthly or quarterly") @RequestParam(required = false)
            String cadence,
            @Parameter(description = ReportQuery.FROM) @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = ReportQuery.TO) @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        authorize();
        String normalized = blankToNull(cadence);
        if (normalized != null) {
            try {
                normalized = ReviewPeriod.of(normalized).name().toLowerCase(java.util.Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("cadence", "must be weekly, monthly or quarterly");
            }
        }
        return reviewLog.reviews(window(from, to), normalized);
    }

    private void authorize() {
        user.requireAny(READERS, "read the alignment reports");
    }

    /**
     * The report's whole days, within {@link InputBounds#EARLIEST} and {@link InputBounds#LATEST} and at most
     * {@link #MAX_DAYS} long: a report holds one entry per week of its window, so a window of millions of years
     * would fill the heap.
     */
    private Window window(LocalDate from, LocalDate to) {
        List<FieldProblem> problems = new ArrayList<>();
        if (from != null && !InputBounds.inRange(from)) {
            problems.add(new FieldProblem("from", InputBounds.OUT_OF_RANGE));
        }
        if (to != null && !InputBounds.inRange(to)) {
            problems.add(new FieldProblem("to", InputBounds.OUT_OF_RANGE));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        LocalDate end = to != null ? to : EngineClock.now().atZoneSameInstant(zone).toLocalDate();
        LocalDate start = from != null ? from : end.minusDays(DEFAULT_DAYS - 1);
        if (start.isAfter(end)) {
            throw new InvalidInputException("from", "must not be after to (" + end + ")");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            throw new InvalidInputException("from", "must be at most " + MAX_DAYS + " days before to (" + end + ")");
        }
        return Window.of(start, end, zone);
    }

    private String currentQuarter() {
        LocalDate today = EngineClock.now().atZoneSameInstant(zone).toLocalDate();
        return today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
    }

    private static Filter filter(ReportQuery query) {
        return filter(query.team(), query.rep(), query.source(), query.campaign());
    }

    private static Filter filter(String team, String rep, String source, String campaign) {
        String sourceName = null;
        if (source != null) {
            LeadSource parsed = LeadSource.fromCode(source);
            if (parsed == null) {
                throw new InvalidInputException("source", "must be one of " + List.of(LeadSource.values()));
            }
            sourceName = parsed.name();
        }
        return new Filter(blankToNull(team), blankToNull(rep), sourceName, blankToNull(campaign));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
