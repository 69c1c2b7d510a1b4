package dev.handoff.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import dev.handoff.agreement.AgreementHistory;

/**
 * Why sales turned leads back: rejections made in the window by reason, campaign and rep, what review and
 * arbitration made of the disputed ones, and the acceptance rate of the SDR clocks started in the window
 * against its target, in total and by the persona of the lead.
 */
@Component
class RejectionReport {

    record ReasonRow(String reason, long rejections, long disputed, long upheld, long overturned) {
    }

    record CampaignRow(String campaign, String reason, long rejections) {
    }

    record RepRow(String rep, long rejections, long belowDefinition) {
    }

    /** Rejections of the leads judged and routed under one agreement (null: none recorded). */
    record AgreementRow(Integer agreement, long rejections, long belowDefinition) {
    }

    record Acceptance(long decisions, long accepted, long rejected, Double rate, double target, Boolean meetsTarget) {
    }

    /** The acceptance of the leads of one persona (their job title matched it when scored; "unmatched": none). */
    record PersonaAcceptance(String persona, long decisions, long accepted, long rejected, Double rate) {
    }

    record Rejections(Window window, Filter filter, long total, Double definitionalShare, List<ReasonRow> byReason,
            List<CampaignRow> byCampaign, List<RepRow> byRep, List<AgreementRow> byAgreement,
            Map<String, Long> reviewOutcomes,
            Map<String, Long> arbitrationOutcomes, Acceptance acceptance, List<PersonaAcceptance> acceptanceByPersona) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final AgreementHistory agreements;

    RejectionReport(NamedParameterJdbcTemplate jdbc, AgreementHistory agreements) {
        this.jdbc = jdbc;
        this.agreements = agreements;
    }

    Rejections rejections(Window window, Filter filter) {
        Sql sql = Sql.in("r.rejected_at", window).eq("r.rep", filter.rep()).eq("l.team", filter.team())
                .eq("l.source", filter.source()).eq("l.campaign", filter.campaign());
        boolean byLead = filter.byLead() || filter.team() != null;
        String from = " from lead_rejection r" + (byLead ? " join lead l on l.id = r.lead_id" : "");
        List<ReasonRow> byReason = jdbc.query("""
                select r.reason, count(*) as n,
                    count(case when r.review_outcome = 'DISPUTED' then 1 end) as disputed,
                    count(case when r.arbitration_outcome = 'UPHELD' then 1 end) as upheld,
                    count(case when r.arbitration_outcome = 'OVERTURNED' then 1 end) as overturned""" + from
                + sql.where() + " group by r.reason order by r.reason", sql.params(), (rs, i) -> new ReasonRow(
                        rs.getString("reason"), rs.getLong("n"), rs.getLong("disputed"), rs.getLong("upheld"),
                        rs.getLong("overturned")));
        // The rejection carries its lead's campaign: no lookup of every rejected lead.
        List<CampaignRow> byCampaign = jdbc.query("select r.campaign, r.reason, count(*) as n" + from + sql.where()
                + " group by r.campaign, r.reason order by r.campaign nulls last, r.reason", sql.params(),
                (rs, i) -> new CampaignRow(rs.getString("campaign"), rs.getString("reason"), rs.getLong("n")));
        List<RepRow> byRep = jdbc.query("select r.rep, count(*) as n, count(case when r.reason = 'below_definition'"
                + " then 1 end) as below" + from + sql.where() + " group by r.rep order by r.rep", sql.params(),
                (rs, i) -> new RepRow(rs.getString("rep"), rs.getLong("n"), rs.getLong("below")));
        List<AgreementRow> byAgreement = jdbc.query("select l.agreement_number as a, count(*) as n,"
                + " count(case when r.reason = 'below_definition' then 1 end) as below"
                + " from lead_rejection r join lead l on l.id = r.lead_id" + sql.where()
                + " group by l.agreement_number order by l.agreement_number nulls last", sql.params(),
                (rs, i) -> new AgreementRow((Integer) rs.getObject("a", Integer.class), rs.getLong("n"),
                        rs.getLong("below")));
        long total = byReason.stream().mapToLong(ReasonRow::rejections).sum();
        long below = byReason.stream().filter(r -> "below_definition".equals(r.reason()))
                .mapToLong(ReasonRow::rejections).sum();
        return new Rejections(window, filter, total, Stats.rate(below, total), byReason, byCampaign, byRep, byAgreement,
                outcomes("r.review_outcome", from, sql), outcomes("r.arbitration_outcome", from, sql),
                acceptance(window, filter), acceptanceByPersona(window, filter));
    }

    /** The same SDR decisions as {@link #acceptance}, by the persona of their lead; the rows add up to it. */
    List<PersonaAcceptance> acceptanceByPersona(Window window, Filter filter) {
        Sql sql = SlaReport.clocks(window, filter);
        Map<String, long[]> byPersona = new java.util.TreeMap<>(FunnelReport.PERSONAS);
        jdbc.query("select l.persona_key as p, count(case when a.outcome = 'ACCEPTED' then 1 end) as accepted,"
                + " count(case when a.outcome = 'REJECTED' then 1 end) as rejected"
                + " from lead_assignment a join lead l on l.id = a.lead_id" + sql.where() + " group by l.persona_key",
                sql.params(), rs -> {
                    long[] counts = byPersona.computeIfAbsent(FunnelReport.persona(rs.getString("p")),
                            p -> new long[2]);
                    counts[0] += rs.getLong("accepted");
                    counts[1] += rs.getLong("rejected");
                });
        return byPersona.entrySet().stream().filter(e -> e.getValue()[0] + e.getValue()[1] > 0)
                .map(e -> new PersonaAcceptance(e.getKey(), e.getValue()[0] + e.getValue()[1], e.getValue()[0],
                        e.getValue()[1], Stats.rate(e.getValue()[0], e.getValue()[0] + e.getValue()[1])))
                .toList();
    }

    /** Accepted and rejected SDR clocks started in the window, the same clocks the SLA report judges. */
    Acceptance acceptance(Window window, Filter filter) {
        Sql sql = SlaReport.clocks(window, filter);
        String from = " from lead_assignment a" + (filter.byLead() ? " join lead l on l.id = a.lead_id" : "");
        // The target of the agreement in force at the window's end.
        double target = agreements.at(window.end().minusNanos(1)).targets().acceptance();
        return jdbc.queryForObject("select count(case when a.outcome = 'ACCEPTED' then 1 end) as accepted,"
                + " count(case when a.outcome = 'REJECTED' then 1 end) as rejected" + from + sql.where(), sql.params(),
                (rs, i) -> {
                    long accepted = rs.getLong("accepted");
                    long decisions = accepted + rs.getLong("rejected");
                    Double rate = Stats.rate(accepted, decisions);
                    return new Acceptance(decisions, accepted, rs.getLong("rejected"), rate, target,
                            Stats.meets(accepted, decisions, target));
                });
    }

    private Map<String, Long> outcomes(String column, String from, Sql sql) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("select " + column + " as o, count(*) as n" + from + sql.where() + " and " + column
                + " is not null group by " + column + " order by " + column, sql.params(), rs -> {
                    counts.put(rs.getString("o"), rs.getLong("n"));
                });
        return counts;
    }
}
