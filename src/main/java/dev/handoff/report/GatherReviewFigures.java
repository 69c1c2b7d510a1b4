package dev.handoff.report;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import dev.handoff.content.ContentTypes;
import dev.handoff.lead.LeadLabels;
import dev.handoff.platform.EngineClock;
import dev.handoff.sla.BusinessTime;

/**
 * First step of an alignment review: works out the period it looks back on and puts that period's figures
 * into the review task's form, from the same reports the dashboard shows. Weekly: the pipeline and the SLA;
 * monthly: lead quality (rejections, objections, content needs); quarterly: the diagnosis and shared revenue.
 * Each ends with what the previous review of the same cadence agreed, so the team can check it was done.
 */
@Component("gatherReviewFigures")
class GatherReviewFigures implements JavaDelegate {

    private final FunnelReport funnel;
    private final SlaReport sla;
    private final RejectionReport rejections;
    private final ContentReport content;
    private final AttributionReport attribution;
    private final QuarterDiagnosis diagnosis;
    private final NamedParameterJdbcTemplate jdbc;
    private final ReviewLog reviews;
    private final ZoneId zone;

    GatherReviewFigures(FunnelReport funnel, SlaReport sla, RejectionReport rejections, ContentReport content,
            AttributionReport attribution, QuarterDiagnosis diagnosis, NamedParameterJdbcTemplate jdbc,
            ReviewLog reviews, BusinessTime businessTime) {
        this.funnel = funnel;
        this.sla = sla;
        this.rejections = rejections;
        this.content = content;
        this.attribution = attribution;
        this.diagnosis = diagnosis;
        this.jdbc = jdbc;
        this.reviews = reviews;
        this.zone = businessTime.hours().zone();
    }

    @Override
    public void execute(DelegateExecution execution) {
        ReviewPeriod period = ReviewPeriod.of((String) execution.getVariable("cadence"));
        LocalDate today = EngineClock.now().atZoneSameInstant(zone).toLocalDate();
        Window window = Window.of(period.from(today), period.to(today), zone);
        execution.setVariable("periodFrom", window.from().toString());
        execution.setVariable("periodTo", window.to().toString());
        List<String> lines = new ArrayList<>();
        switch (period) {
            case WEEKLY -> weekly(window, lines, execution);
            case MONTHLY -> monthly(window, lines, execution);
            case QUARTERLY -> quarterly(period.quarter(today), window, lines, execution);
        }
        reviews.last(period.name().toLowerCase(Locale.ROOT), EngineClock.now()).ifPresent(last -> {
            lines.add("");
            lines.add("**Agreed at the last " + last.cadence() + " review** (" + last.periodFrom() + " – "
                    + last.periodTo() + ", " + (last.reviewedBy() == null ? "unknown" : last.reviewedBy()) + ")");
            lines.add("- Follow-up: " + last.followUp());
            if (last.notes() != null) {
                lines.add("- Notes: " + last.notes());
            }
            if (last.objectives() != null) {
                lines.add("- Objectives: " + last.objectives());
            }
        });
        execution.setVariable("figures", String.join("\n", lines));
    }

    private void weekly(Window window, List<String> lines, DelegateExecution execution) {
        FunnelReport.Stages s = funnel.funnel(window, Filter.NONE).total().counts();
        SlaReport.Sla clocks = sla.sla(window, Filter.NONE, zone);
        execution.setVariable("slaCompliance", clocks.total().slaCompliance());
        lines.add("**Pipeline " + window.from() + " – " + window.to() + "**");
        lines.add(String.format(Locale.ROOT, "- Leads %d → MQL %d → SAL %d → SQL %d → Opportunity %d → Won %d",
                s.leads(), s.mql(), s.sal(), s.sql(), s.opportunity(), s.won()));
        lines.add("- SLA compliance " + pct(clocks.total().slaCompliance()) + " (target " + pct(clocks.target())
                + ") of " + clocks.total().judged() + " clocks; median time to accept "
                + hours(clocks.total().timeToAcceptBusinessSeconds().medianSeconds()) + " business time");
        lines.add("- " + clocks.breaches().total() + " breaches, " + clocks.total().reassigned() + " reassignments, "
                + clocks.escalations().raised() + " escalations, " + clocks.total().open() + " clocks still running");
        lines.add("- Speed-to-lead median " + hours(clocks.speedToLead().medianSeconds()));
        lines.add("- Won " + attribution.attribution(window, Filter.NONE).total().revenue());
    }

    private void monthly(Window window, List<String> lines, DelegateExecution execution) {
        RejectionReport.Rejections r = rejections.rejections(window, Filter.NONE);
        execution.setVariable("acceptanceRate", r.acceptance().rate());
        lines.add("**Lead quality " + window.from() + " – " + window.to() + "**");
        lines.add("- Acceptance " + pct(r.acceptance().rate()) + " (target " + pct(r.acceptance().target()) + ") of "
                + r.acceptance().decisions() + " decisions");
        lines.add("- Rejections by reason: " + (r.byReason().isEmpty() ? "none" : r.byReason().stream()
                .map(x -> LeadLabels.of(x.reason()) + " " + x.rejections()).collect(Collectors.joining(", "))));
        lines.add("- Disputed " + r.reviewOutcomes().getOrDefault("DISPUTED", 0L) + "; arbitration upheld "
                + r.arbitrationOutcomes().getOrDefault("UPHELD", 0L) + ", overturned "
                + r.arbitrationOutcomes().getOrDefault("OVERTURNED", 0L));
        lines.add("- Objections (why deals were lost): " + objections(window));
        ContentReport.Content c = content.content(window, Filter.NONE);
        lines.add("- Content needs: " + c.requests() + " requests (" + (c.byType().isEmpty() ? "none" : c.byType()
                .stream().map(t -> ContentTypes.label(t.type()) + " " + t.requests()).collect(Collectors.joining(", ")))
                + "), reuse "
                + pct(c.reuseRate()) + ", " + c.alignmentItems() + " alignment items");
    }

    private void quarterly(String quarter, Window window, List<String> lines, DelegateExecution execution) {
        QuarterDiagnosis.Diagnosis d = diagnosis.diagnose(quarter, Filter.NONE, zone);
        execution.setVariable("quarter", quarter);
        execution.setVariable("verdict", d.verdict().name());
        lines.add("**" + quarter + ": " + d.verdict().label() + "** – " + d.reason());
        d.findings().forEach(f -> lines.add("- " + f));
        lines.add("- SLA compliance " + pct(d.figures().slaCompliance()) + ", acceptance "
                + pct(d.figures().acceptanceRate()) + ", SAL→SQL " + pct(d.figures().salToSql()));
        AttributionReport.Attribution a = attribution.attribution(window, Filter.NONE);
        lines.add("- Shared revenue won: " + a.total().revenue() + " (" + a.marketingSourced().deals()
                + " marketing-sourced, " + a.salesSourced().deals() + " sales-sourced deals)");
    }

    private String objections(Window window) {
        Sql sql = Sql.in("l.closed_at", window).and("l.stage = 'LOST'");
        List<String> reasons = jdbc.query("select coalesce(l.stage_reason, 'no reason given') as reason, count(*) as n"
                + " from lead l" + sql.where() + " group by l.stage_reason order by count(*) desc, l.stage_reason",
                sql.params(), (rs, i) -> rs.getString("reason") + " " + rs.getLong("n"));
        return reasons.isEmpty() ? "none" : String.join(", ", reasons.subList(0, Math.min(5, reasons.size())));
    }

    private static String pct(Double rate) {
        return rate == null ? "n/a" : String.format(Locale.ROOT, "%.1f %%", rate * 100);
    }

    private static String hours(Long seconds) {
        return seconds == null ? "n/a" : String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
    }
}
