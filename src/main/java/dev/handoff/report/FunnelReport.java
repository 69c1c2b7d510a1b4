package dev.handoff.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import dev.handoff.agreement.Catalogue;

/**
 * Lead → MQL → SAL → SQL → Opportunity → Won for the leads created in the window: how many reached each
 * milestone, whatever became of them later; in total, by MQL definition version, agreement, persona and source.
 */
@Component
class FunnelReport {

    record Stages(long leads, long mql, long sal, long sql, long opportunity, long won) {

        Stages plus(Stages o) {
            return new Stages(leads + o.leads, mql + o.mql, sal + o.sal, sql + o.sql, opportunity + o.opportunity,
                    won + o.won);
        }

        Conversion conversion() {
            return new Conversion(Stats.rate(mql, leads), Stats.rate(sal, mql), Stats.rate(sql, sal),
                    Stats.rate(opportunity, sql), Stats.rate(won, opportunity), Stats.rate(won, leads));
        }
    }

    record Conversion(Double leadToMql, Double mqlToSal, Double salToSql, Double sqlToOpportunity,
            Double opportunityToWon, Double leadToWon) {
    }

    record Row(Stages counts, Conversion conversion) {
    }

    record VersionRow(Integer mqlDefinitionVersion, Stages counts, Conversion conversion) {
    }

    /** Leads by the agreement they were judged under (null: not judged yet, or judged before agreements). */
    record AgreementRow(Integer agreement, Stages counts, Conversion conversion) {
    }

    record SourceRow(String source, String campaign, Stages counts, Conversion conversion) {
    }

    /** Leads by the persona their job title matched when scored; "unmatched" for none (or not scored yet). */
    record PersonaRow(String persona, Stages counts, Conversion conversion) {
    }

    record Funnel(Window window, Filter filter, Row total, List<VersionRow> byMqlDefinitionVersion,
            List<AgreementRow> byAgreement, List<PersonaRow> byPersona, List<SourceRow> bySourceAndCampaign) {
    }

    private static final String COUNTS = """
            count(*) as leads, count(l.mql_at) as mql, count(l.sal_at) as sal, count(l.sql_at) as sqls,
            count(l.opportunity_at) as opportunity, count(case when l.stage = 'WON' then 1 end) as won""";

    private final NamedParameterJdbcTemplate jdbc;

    FunnelReport(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Funnel funnel(Window window, Filter filter) {
        Sql sql = where(window, filter);
        // One pass over the period's leads (a covering index serves it); the three views are sums of its rows.
        record Cell(String source, String campaign, Integer version, Integer agreement, String persona,
                Stages stages) {
        }
        List<Cell> cells = jdbc.query("select l.source, l.campaign, l.mql_definition_version as v, "
                + "l.agreement_number as a, l.persona_key as p, " + COUNTS + " from lead l" + sql.where()
                + " group by l.source, l.campaign, l.mql_definition_version, l.agreement_number, l.persona_key",
                sql.params(), (rs, i) -> new Cell(Stats.code(rs.getString("source")), rs.getString("campaign"),
                        (Integer) rs.getObject("v", Integer.class), (Integer) rs.getObject("a", Integer.class),
                        rs.getString("p"), stages(rs)));
        Map<List<String>, Stages> bySource = new TreeMap<>(NULLS_LAST);
        Map<Integer, Stages> byVersion = new TreeMap<>(Comparator.nullsLast(Comparator.<Integer>naturalOrder()));
        Map<Integer, Stages> byAgreement = new TreeMap<>(Comparator.nullsLast(Comparator.<Integer>naturalOrder()));
        Map<String, Stages> byPersona = new TreeMap<>(PERSONAS);
        Stages total = NONE;
        for (Cell cell : cells) {
            bySource.merge(Arrays.asList(cell.source(), cell.campaign()), cell.stages(), Stages::plus);
            byVersion.merge(cell.version(), cell.stages(), Stages::plus);
            byAgreement.merge(cell.agreement(), cell.stages(), Stages::plus);
            byPersona.merge(persona(cell.persona()), cell.stages(), Stages::plus);
            total = total.plus(cell.stages());
        }
        return new Funnel(window, filter, new Row(total, total.conversion()),
                byVersion.entrySet().stream().map(e -> new VersionRow(e.getKey(), e.getValue(),
                        e.getValue().conversion())).toList(),
                byAgreement.entrySet().stream().map(e -> new AgreementRow(e.getKey(), e.getValue(),
                        e.getValue().conversion())).toList(),
                byPersona.entrySet().stream().map(e -> new PersonaRow(e.getKey(), e.getValue(),
                        e.getValue().conversion())).toList(),
                bySource.entrySet().stream().map(e -> new SourceRow(e.getKey().get(0), e.getKey().get(1), e.getValue(),
                        e.getValue().conversion())).toList());
    }

    /** Orders rows by their keys, a missing campaign or version last, as the reports have always listed them. */
    private static final Comparator<List<String>> NULLS_LAST = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            int c = Comparator.nullsLast(Comparator.<String>naturalOrder()).compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    private static final Stages NONE = new Stages(0, 0, 0, 0, 0, 0);

    /** Personas by key, the "unmatched" bucket last. */
    static final Comparator<String> PERSONAS = Comparator.comparing((String p) -> p.equals(Catalogue.UNMATCHED))
            .thenComparing(Comparator.naturalOrder());

    /** The persona bucket of a lead's persona key. */
    static String persona(String key) {
        return key == null ? Catalogue.UNMATCHED : key;
    }

    static Sql where(Window window, Filter filter) {
        return Sql.in("l.created_at", window).eqLeadColumn("l.team", filter.team()).eqLeadColumn("l.owner", filter.rep())
                .eq("l.source", filter.source()).eq("l.campaign", filter.campaign());
    }

    private static Stages stages(ResultSet rs) throws SQLException {
        return new Stages(rs.getLong("leads"), rs.getLong("mql"), rs.getLong("sal"), rs.getLong("sqls"),
                rs.getLong("opportunity"), rs.getLong("won"));
    }
}
