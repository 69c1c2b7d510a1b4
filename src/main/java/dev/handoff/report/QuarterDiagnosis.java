package dev.handoff.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.handoff.agreement.Agreement;
import dev.handoff.agreement.AgreementHistory;
import dev.handoff.agreement.Agreements;
import dev.handoff.platform.InputBounds;
import dev.handoff.platform.InvalidInputException;

/**
 * The end-of-quarter question, answered from the same figures as the funnel, SLA and rejection reports:
 * did sales not process the leads (SLA not honoured), were the leads not good enough (acceptance under
 * target or rejections mostly "below definition": review the MQL definition), or were accepted leads worked
 * but did not convert (review messaging and product fit)? The checks run in that order, because a verdict
 * further down means nothing while an earlier one holds. The quarter is judged against the targets of the agreement
 * in force at its end, and each agreement in force during the quarter is judged, over its part of the quarter,
 * against its own targets.
 */
@Component
class QuarterDiagnosis {

    enum Verdict {
        SLA_NOT_HONOURED("SLA not honoured"), LEADS_BELOW_EXPECTATION("Leads below expectation"),
        MESSAGE_MISMATCH("Message mismatch"), HEALTHY("Healthy"), NO_DATA("No data");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        /** What people read; the API and the review's variables keep the name. */
        String label() {
            return label;
        }
    }

    record Figures(long slaClocksJudged, long slaAnsweredInTime, Double slaCompliance, long decisions, long accepted,
            Double acceptanceRate, long rejections, long belowDefinitionRejections, Double definitionalShare,
            long sal, long sql, Double salToSql) {
    }

    /** One agreement's part of the quarter ({@code from} to {@code to}), judged against its own targets. */
    record AgreementPart(int agreement, OffsetDateTime from, OffsetDateTime to, String signedForMarketingBy,
            String signedForSalesBy, Verdict verdict, String reason, List<String> findings, Figures figures,
            Targets targets) {
    }

    /**
     * @param objectivesAgreement the agreement in force at the quarter's end, whose shared objectives
     *                            {@code objectives} measures the quarter against
     */
    record Diagnosis(String quarter, Window window, Verdict verdict, String reason, List<String> findings,
            Figures figures, Targets targets, List<AgreementPart> agreements, int objectivesAgreement,
            List<ObjectiveProgress.Objective> objectives) {
    }

    private record Judgement(Verdict verdict, String reason, List<String> findings, Figures figures) {
    }

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    private final FunnelReport funnel;
    private final SlaReport sla;
    private final RejectionReport rejections;
    private final AgreementHistory agreements;
    private final ObjectiveProgress objectives;

    QuarterDiagnosis(FunnelReport funnel, SlaReport sla, RejectionReport rejections, AgreementHistory agreements,
            ObjectiveProgress objectives) {
        this.funnel = funnel;
        this.sla = sla;
        this.rejections = rejections;
        this.agreements = agreements;
        this.objectives = objectives;
    }

    static Window quarter(String quarter, ZoneId zone) {
        Matcher m = quarter == null ? null : QUARTER.matcher(quarter.trim());
        if (m == null || !m.matches()) {
            throw new InvalidInputException("quarter", "must be a quarter such as 2026-Q4");
        }
        LocalDate first = LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1);
        if (!InputBounds.inRange(first)) {
            throw new InvalidInputException("quarter", "must be a quarter of the years "
                    + InputBounds.EARLIEST.getYear() + " to " + InputBounds.LATEST.getYear());
        }
        return Window.of(first, first.plusMonths(3).minusDays(1), zone);
    }

    Diagnosis diagnose(String quarter, Filter filter, ZoneId zone) {
        Window window = quarter(quarter, zone);
        List<Agreements.Period> periods = agreements.during(window.start(), window.end());
        List<AgreementPart> parts = new ArrayList<>();
        for (Agreements.Period period : periods) {
            Instant from = period.from() == null || period.from().isBefore(window.start()) ? window.start()
                    : period.from();
            Instant to = period.to() == null || period.to().isAfter(window.end()) ? window.end() : period.to();
            Window part = new Window(from.atZone(zone).toLocalDate(), to.minusNanos(1).atZone(zone).toLocalDate(),
                    from, to);
            Agreement agreement = period.agreement();
            Targets own = targets(agreement);
            Judgement judged = judge(part, filter, zone, own, quarter.trim() + " under agreement "
                    + agreement.number());
            parts.add(new AgreementPart(agreement.number(), from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC),
                    agreement.marketing() == null ? null : agreement.marketing().by(),
                    agreement.sales() == null ? null : agreement.sales().by(), judged.verdict(), judged.reason(),
                    judged.findings(), judged.figures(), own));
        }
        Targets targets = parts.isEmpty() ? targets(agreements.at(window.end().minusNanos(1))) : parts.get(parts.size() - 1).targets();
        Judgement whole = judge(window, filter, zone, targets, quarter.trim());
        Agreement atEnd = agreements.at(window.end().minusNanos(1));
        return new Diagnosis(quarter.trim(), window, whole.verdict(), whole.reason(), whole.findings(),
                whole.figures(), targets, parts, atEnd.number(), objectives.progress(window, atEnd.objectives()));
    }

    private static Targets targets(Agreement agreement) {
        Agreement.Targets t = agreement.targets();
        return new Targets(t.slaCompliance(), t.acceptance(), t.salToSql(), t.definitionalShareMax());
    }

    private Judgement judge(Window window, Filter filter, ZoneId zone, Targets targets, String quarter) {
        FunnelReport.Stages stages = funnel.funnel(window, filter).total().counts();
        SlaReport.Clocks clocks = sla.total(window, filter, zone);
        RejectionReport.Rejections rejected = rejections.rejections(window, filter);
        RejectionReport.Acceptance acceptance = rejected.acceptance();
        long below = rejected.byReason().stream().filter(r -> "below_definition".equals(r.reason()))
                .mapToLong(RejectionReport.ReasonRow::rejections).sum();
        Figures figures = new Figures(clocks.judged(), clocks.answeredInSla(), clocks.slaCompliance(),
                acceptance.decisions(), acceptance.accepted(), acceptance.rate(), rejected.total(), below,
                rejected.definitionalShare(), stages.sal(), stages.sql(), Stats.rate(stages.sql(), stages.sal()));

        List<String> findings = new ArrayList<>();
        boolean slaMissed = under(clocks.answeredInSla(), clocks.judged(), targets.slaCompliance());
        boolean acceptanceLow = under(acceptance.accepted(), acceptance.decisions(), targets.acceptance());
        boolean definitional = Boolean.FALSE.equals(Stats.meets(rejected.total() - below, rejected.total(),
                1 - targets.definitionalShareMax()));
        boolean converting = under(stages.sql(), stages.sal(), targets.salToSql());
        if (slaMissed) {
            findings.add(String.format("SLA compliance %s is under its target %s (%d of %d clocks answered in time)",
                    pct(figures.slaCompliance()), pct(targets.slaCompliance()), clocks.answeredInSla(), clocks.judged()));
        }
        if (acceptanceLow) {
            findings.add(String.format("Acceptance %s is under its target %s (%d of %d decisions accepted)",
                    pct(acceptance.rate()), pct(targets.acceptance()), acceptance.accepted(), acceptance.decisions()));
        }
        if (definitional) {
            findings.add(String.format("%d of %d rejections (%s) say the lead is below the MQL definition, more than %s",
                    below, rejected.total(), pct(rejected.definitionalShare()), pct(targets.definitionalShareMax())));
        }
        if (converting) {
            findings.add(String.format("SAL→SQL conversion %s is under its target %s (%d of %d accepted leads qualified)",
                    pct(figures.salToSql()), pct(targets.salToSql()), stages.sql(), stages.sal()));
        }
        Verdict verdict;
        String reason;
        if (clocks.judged() == 0 && stages.leads() == 0) {
            verdict = Verdict.NO_DATA;
            reason = "No leads were created and no SLA clock ran in " + quarter + ".";
        } else if (slaMissed) {
            verdict = Verdict.SLA_NOT_HONOURED;
            reason = "Sales did not process the leads in time: restore the SLA before judging lead quality.";
        } else if (acceptanceLow || definitional) {
            verdict = Verdict.LEADS_BELOW_EXPECTATION;
            reason = "Sales processed the leads but found them below expectation: review the MQL definition.";
        } else if (converting) {
            verdict = Verdict.MESSAGE_MISMATCH;
            reason = "Accepted leads were worked but convert poorly after contact: review messaging and product fit.";
        } else {
            verdict = Verdict.HEALTHY;
            reason = "Every figure meets its target.";
        }
        return new Judgement(verdict, reason, findings, figures);
    }

    /** Whether part/whole is under the target, judged on the exact counts; nothing counted is not "under". */
    private static boolean under(long part, long whole, double target) {
        return Boolean.FALSE.equals(Stats.meets(part, whole, target));
    }

    private static String pct(Double rate) {
        return rate == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f %%", rate * 100);
    }
}
