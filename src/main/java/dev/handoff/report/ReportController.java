package dev.handoff.report;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
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

/**
 * The alignment reports, for managers of both sides and admins. Every report covers whole days {@code from}
 * to {@code to} (both included, default: the last 90 days) in the business-hours zone.
 */
@RestController
@RequestMapping("/api/reports")
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

    @GetMapping("/funnel")
    FunnelReport.Funnel funnel(ReportQuery query) {
        authorize();
        return funnel.funnel(window(query.from(), query.to()), filter(query));
    }

    @GetMapping("/sla")
    SlaReport.Sla sla(ReportQuery query) {
        authorize();
        return sla.sla(window(query.from(), query.to()), filter(query), zone);
    }

    @GetMapping("/rejections")
    RejectionReport.Rejections rejections(ReportQuery query) {
        authorize();
        return rejections.rejections(window(query.from(), query.to()), filter(query));
    }

    /** Content has no team, source or campaign; {@code rep} means the requester. */
    @GetMapping("/content")
    ContentReport.Content content(ReportQuery query) {
        authorize();
        return content.content(window(query.from(), query.to()), filter(null, query.rep(), null, null));
    }

    @GetMapping("/attribution")
    AttributionReport.Attribution attribution(ReportQuery query) {
        authorize();
        return attribution.attribution(window(query.from(), query.to()), filter(query));
    }

    @GetMapping("/quarter-diagnosis")
    QuarterDiagnosis.Diagnosis quarterDiagnosis(@RequestParam(required = false) String quarter,
            @RequestParam(required = false) String team, @RequestParam(required = false) String source,
            @RequestParam(required = false) String campaign) {
        authorize();
        return diagnosis.diagnose(quarter == null ? currentQuarter() : quarter, filter(team, null, source, campaign),
                zone);
    }

    @GetMapping("/bottlenecks")
    BottleneckReport.Bottlenecks bottlenecks(@RequestParam(required = false) String processDefinitionKey,
            @RequestParam(required = false) String processDefinitionId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
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
        return bottlenecks.bottlenecks(visible.get(0).getKey(), processDefinitionId, window(from, to));
    }

    /** What the alignment reviews reviewed in the period decided, newest first. */
    @GetMapping("/reviews")
    List<ReviewLog.Review> reviews(@RequestParam(required = false) String cadence,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
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
