package dev.handoff.agreement;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.handoff.platform.EngineClock;

/**
 * The last full quarter's leads judged again under a proposal: how many would have been MQLs, by fit grade and by
 * source, beside how many the agreement in force makes MQLs. Fit is evaluated with each side's lead-fit version;
 * engagement is the score the lead holds (its last update), not re-decayed to the day it was judged.
 */
@Component
class Replay {

    /** Leads a replay judges at most: more would keep the reviewer's form waiting. */
    static final int MAX_LEADS = 50_000;

    record Row(String key, long before, long after) {
    }

    record Result(String quarter, LocalDate from, LocalDate to, long leads, long mqlsBefore, long mqlsAfter,
            List<Row> byGrade, List<Row> bySource) {
    }

    private record Sample(String firstName, String lastName, String jobTitle, Integer companySize, String industry,
            String phone, String email, BigDecimal engagementScore, String source) {
    }

    private final JdbcClient jdbc;
    private final DecisionService decisions;
    private final Agreements agreements;

    Replay(JdbcClient jdbc, DecisionService decisions, Agreements agreements) {
        this.jdbc = jdbc;
        this.decisions = decisions;
        this.agreements = agreements;
    }

    Result replay(Agreement before, Agreement after) {
        LocalDate today = EngineClock.now().atZoneSameInstant(agreements.zone()).toLocalDate();
        LocalDate thisQuarter = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
        LocalDate from = thisQuarter.minusMonths(3);
        LocalDate to = thisQuarter.minusDays(1);
        Instant start = from.atStartOfDay(agreements.zone()).toInstant();
        Instant end = thisQuarter.atStartOfDay(agreements.zone()).toInstant();
        List<Sample> leads = jdbc.sql("select first_name, last_name, job_title, company_size, industry, phone, email, "
                + "engagement_score, source from lead where created_at >= ? and created_at < ? order by created_at")
                .params(start.atOffset(ZoneOffset.UTC), end.atOffset(ZoneOffset.UTC)).query((rs, i) -> new Sample(
                        rs.getString("first_name"), rs.getString("last_name"), rs.getString("job_title"),
                        rs.getObject("company_size", Integer.class), rs.getString("industry"), rs.getString("phone"),
                        rs.getString("email"), rs.getBigDecimal("engagement_score"), rs.getString("source")))
                .stream().limit(MAX_LEADS).toList();
        String fitBefore = id(Agreement.LEAD_FIT, before);
        String fitAfter = id(Agreement.LEAD_FIT, after);
        String mqlBefore = id(Agreement.MQL_DEFINITION, before);
        String mqlAfter = id(Agreement.MQL_DEFINITION, after);
        Map<String, long[]> byGrade = new TreeMap<>();
        Map<String, long[]> bySource = new TreeMap<>();
        long[] total = new long[2];
        for (Sample lead : leads) {
            count(lead, fitBefore, mqlBefore, 0, byGrade, bySource, total);
            count(lead, fitAfter, mqlAfter, 1, byGrade, bySource, total);
        }
        String quarter = from.getYear() + "-Q" + ((from.getMonthValue() - 1) / 3 + 1);
        return new Result(quarter, from, to, leads.size(), total[0], total[1], rows(byGrade), rows(bySource));
    }

    static String markdown(Result r) {
        StringBuilder text = new StringBuilder(String.format(
                "%d leads of %s (%s to %s): **%d** MQLs under the agreement in force, **%d** under the proposal.%n%n",
                r.leads(), r.quarter(), r.from(), r.to(), r.mqlsBefore(), r.mqlsAfter()));
        text.append("| Fit grade | MQLs now | MQLs proposed |\n|---|---|---|\n");
        r.byGrade().forEach(row -> text.append("| ").append(row.key()).append(" | ").append(row.before())
                .append(" | ").append(row.after()).append(" |\n"));
        text.append("\n| Source | MQLs now | MQLs proposed |\n|---|---|---|\n");
        r.bySource().forEach(row -> text.append("| ").append(row.key()).append(" | ").append(row.before())
                .append(" | ").append(row.after()).append(" |\n"));
        return text.toString();
    }

    private String id(String key, Agreement agreement) {
        return agreements.definition(key, agreement.decisions().version(key)).getId();
    }

    private void count(Sample lead, String fitId, String mqlId, int side, Map<String, long[]> byGrade,
            Map<String, long[]> bySource, long[] total) {
        DmnDecisionResultEntries fit = decisions.evaluateDecisionById(fitId).variables(Variables.createVariables()
                .putValue("jobTitle", lead.jobTitle()).putValue("companySize", lead.companySize())
                .putValue("industry", lead.industry())).evaluate().getSingleResult();
        int fitPoints = ((Number) fit.getEntry("fitPoints")).intValue();
        String grade = fit.getEntry("fitGrade");
        DmnDecisionResult verdict = decisions.evaluateDecisionById(mqlId).variables(Variables.createVariables()
                .putValue("firstName", lead.firstName()).putValue("lastName", lead.lastName())
                .putValue("jobTitle", lead.jobTitle()).putValue("companySize", lead.companySize())
                .putValue("industry", lead.industry()).putValue("phone", lead.phone())
                .putValue("email", lead.email()).putValue("fitPoints", fitPoints)
                .putValue("engagementScore", lead.engagementScore() == null ? 0.0
                        : lead.engagementScore().doubleValue()))
                .evaluate();
        byGrade.computeIfAbsent(grade, g -> new long[2]);
        bySource.computeIfAbsent(lead.source().toLowerCase(java.util.Locale.ROOT), s -> new long[2]);
        // As MqlDefinition judges: a missing required field (ENRICHMENT) wins, otherwise the first rule decides.
        boolean enrichment = verdict.stream().anyMatch(rule -> "ENRICHMENT".equals(rule.getEntry("verdict")));
        if (!enrichment && !verdict.isEmpty() && "MQL".equals(verdict.get(0).getEntry("verdict"))) {
            byGrade.get(grade)[side]++;
            bySource.get(lead.source().toLowerCase(java.util.Locale.ROOT))[side]++;
            total[side]++;
        }
    }

    private static List<Row> rows(Map<String, long[]> counts) {
        List<Row> rows = new ArrayList<>();
        counts.forEach((key, c) -> rows.add(new Row(key, c[0], c[1])));
        return rows;
    }
}
