package dev.handoff.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;

/**
 * Report figures against hand-computed expectations. Every test writes its own fixed data set into a
 * period of its own (years long past), so tests sharing the application context never see each other's rows.
 * The business-hours zone is Europe/Berlin, which decides where a day begins.
 */
@IntegrationTest
class ReportApiIT {

    private static final Duration SLA = Duration.ofHours(8);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbcClient;

    ReportData data;

    @BeforeEach
    void data() {
        data = new ReportData(jdbcClient);
    }

    @Test
    void funnelCountsEveryMilestoneOfTheLeadsCreatedInTheWindow() {
        String a = data.lead("2011-03-10T10:00:00Z").source("INBOUND", "spring-webinar").owner("sdr-east", "sam")
                .persona("finance-leader").reached("WON").insert();
        data.lead("2011-03-10T10:01:00Z").source("INBOUND", "spring-webinar").persona("finance-leader")
                .reached("OPPORTUNITY").insert();
        data.lead("2011-03-10T10:02:00Z").source("INBOUND", "spring-webinar").persona("it-leader").reached("SQL")
                .insert();
        data.lead("2011-03-10T10:03:00Z").source("INBOUND", "spring-webinar").version(2).reached("SAL").insert();
        data.lead("2011-03-10T10:04:00Z").source("EVENT", "expo").version(2).persona("it-leader").reached("MQL")
                .insert();
        data.lead("2011-03-10T10:05:00Z").source("EVENT", "expo").version(2).reached("MQL").insert();
        data.lead("2011-03-10T10:06:00Z").source("EVENT", "expo").version(null).ended("DISQUALIFIED").insert();
        data.lead("2011-03-10T10:07:00Z").source("OUTBOUND", null).version(2).reached("SAL").insert();
        // Day boundaries in Berlin: March 1st begins at 23:00 UTC (CET), April 1st at 22:00 UTC (CEST).
        data.lead("2011-02-28T23:00:00Z").source("INBOUND", "spring-webinar").version(null).insert();
        data.lead("2011-03-31T21:59:59Z").source("OUTBOUND", null).version(null).insert();
        data.lead("2011-02-28T22:59:59Z").source("INBOUND", "spring-webinar").reached("WON").insert();
        data.lead("2011-03-31T22:00:00Z").source("INBOUND", "spring-webinar").reached("WON").insert();
        assertThat(a).isNotNull();

        JsonNode funnel = get("/api/reports/funnel?from=2011-03-01&to=2011-03-31");
        assertStages(funnel.path("total").path("counts"), 10, 7, 5, 3, 2, 1);
        JsonNode conversion = funnel.path("total").path("conversion");
        assertThat(conversion.path("leadToMql").asDouble()).isEqualTo(0.7);
        assertThat(conversion.path("mqlToSal").asDouble()).isEqualTo(0.7143);
        assertThat(conversion.path("salToSql").asDouble()).isEqualTo(0.6);
        assertThat(conversion.path("sqlToOpportunity").asDouble()).isEqualTo(0.6667);
        assertThat(conversion.path("opportunityToWon").asDouble()).isEqualTo(0.5);
        assertThat(conversion.path("leadToWon").asDouble()).isEqualTo(0.1);

        JsonNode versions = funnel.path("byMqlDefinitionVersion");
        assertThat(versions).hasSize(3);
        assertThat(versions.get(0).path("mqlDefinitionVersion").asInt()).isEqualTo(1);
        assertStages(versions.get(0).path("counts"), 3, 3, 3, 3, 2, 1);
        assertThat(versions.get(1).path("mqlDefinitionVersion").asInt()).isEqualTo(2);
        assertStages(versions.get(1).path("counts"), 4, 4, 2, 0, 0, 0);
        assertThat(versions.get(1).path("conversion").path("salToSql").asDouble()).isEqualTo(0.0);
        assertThat(versions.get(2).has("mqlDefinitionVersion")).isFalse();
        assertStages(versions.get(2).path("counts"), 3, 0, 0, 0, 0, 0);
        assertThat(versions.get(2).path("conversion").has("mqlToSal")).as("no MQL, no rate").isFalse();

        JsonNode sources = funnel.path("bySourceAndCampaign");
        assertThat(sources).hasSize(3);
        assertThat(sources.get(0).path("source").asText()).isEqualTo("event");
        assertStages(sources.get(0).path("counts"), 3, 2, 0, 0, 0, 0);
        assertThat(sources.get(1).path("campaign").asText()).isEqualTo("spring-webinar");
        assertStages(sources.get(1).path("counts"), 5, 4, 4, 3, 2, 1);
        assertThat(sources.get(2).path("source").asText()).isEqualTo("outbound");
        assertStages(sources.get(2).path("counts"), 2, 1, 1, 0, 0, 0);

        // By persona, the leads without one last: the rows add up to the funnel, milestone by milestone.
        JsonNode personas = funnel.path("byPersona");
        assertThat(personas).extracting(p -> p.path("persona").asText())
                .containsExactly("finance-leader", "it-leader", "unmatched");
        assertStages(personas.get(0).path("counts"), 2, 2, 2, 2, 2, 1);
        assertStages(personas.get(1).path("counts"), 2, 2, 1, 1, 0, 0);
        assertStages(personas.get(2).path("counts"), 6, 3, 2, 0, 0, 0);
        for (String milestone : List.of("leads", "mql", "sal", "sql", "opportunity", "won")) {
            long sum = 0;
            for (JsonNode row : personas) {
                sum += row.path("counts").path(milestone).asLong();
            }
            assertThat(sum).as(milestone).isEqualTo(funnel.path("total").path("counts").path(milestone).asLong());
        }
        assertThat(personas.get(1).path("conversion").path("mqlToSal").asDouble()).isEqualTo(0.5);

        assertStages(get("/api/reports/funnel?from=2011-03-01&to=2011-03-31&campaign=spring-webinar")
                .path("total").path("counts"), 5, 4, 4, 3, 2, 1);
        assertStages(get("/api/reports/funnel?from=2011-03-01&to=2011-03-31&source=OUTBOUND")
                .path("total").path("counts"), 2, 1, 1, 0, 0, 0);
        assertStages(get("/api/reports/funnel?from=2011-03-01&to=2011-03-31&rep=sam&team=sdr-east")
                .path("total").path("counts"), 1, 1, 1, 1, 1, 1);
    }

    @Test
    void anEmptyPeriodHasZeroCountsAndNoRates() {
        JsonNode funnel = get("/api/reports/funnel?from=2011-05-01&to=2011-05-31");
        assertStages(funnel.path("total").path("counts"), 0, 0, 0, 0, 0, 0);
        assertThat(funnel.path("total").path("conversion").size()).isZero();
        assertThat(funnel.path("bySourceAndCampaign")).isEmpty();

        JsonNode sla = get("/api/reports/sla?from=2011-05-01&to=2011-05-31");
        assertThat(sla.path("total").path("started").asLong()).isZero();
        assertThat(sla.path("total").has("slaCompliance")).isFalse();
        assertThat(sla.path("total").path("timeToAcceptBusinessSeconds").has("medianSeconds")).isFalse();
        assertThat(sla.has("meetsTarget")).isFalse();
        assertThat(sla.path("speedToLead").path("created").asLong()).isZero();
        assertThat(sla.path("weekly")).as("May 2011 touches six weeks, from Monday, April 25").hasSize(6).allSatisfy(w -> assertThat(w.path("judged").asLong()).isZero());

        JsonNode rejections = get("/api/reports/rejections?from=2011-05-01&to=2011-05-31");
        assertThat(rejections.path("total").asLong()).isZero();
        assertThat(rejections.has("definitionalShare")).isFalse();
        assertThat(rejections.path("acceptance").has("rate")).isFalse();

        JsonNode content = get("/api/reports/content?from=2011-05-01&to=2011-05-31");
        assertThat(content.path("requests").asLong()).isZero();
        assertThat(content.has("reuseRate")).isFalse();
        assertThat(content.has("averageRevisions")).isFalse();
        assertThat(content.path("ratings").path("count").asLong()).isZero();

        JsonNode attribution = get("/api/reports/attribution?from=2011-05-01&to=2011-05-31");
        assertThat(attribution.path("total").path("deals").asLong()).isZero();
        assertThat(attribution.path("total").path("revenue").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void slaReportJudgesAnsweredClocksAgainstTheirDeadline() {
        List<String> leads = new ArrayList<>();
        leads.add(data.lead("2012-05-08T08:00:00Z").agreement(1).firstContactAfter(Duration.ofMinutes(10)).insert());
        leads.add(data.lead("2012-05-08T08:00:00Z").agreement(1).firstContactAfter(Duration.ofMinutes(50)).insert());
        for (int i = 0; i < 3; i++) {
            leads.add(data.lead("2012-05-08T08:00:00Z").agreement(i < 2 ? 2 : null).insert());
        }
        String t = "sla-team";
        data.clock(leads.get(0), t, "sam", "2012-05-08T09:00:00Z", SLA, Duration.ofHours(1), "ACCEPTED", 3600L);
        data.clock(leads.get(1), t, "sam", "2012-05-08T09:00:00Z", SLA, Duration.ofDays(2), "ACCEPTED", 30000L);
        data.clock(leads.get(2), t, "sam", "2012-05-08T09:00:00Z", SLA, Duration.ofHours(2), "REJECTED", 7200L);
        data.clock(leads.get(3), t, "steve", "2012-05-08T09:00:00Z", SLA, SLA, "BREACHED", 28800L);
        data.clock(leads.get(3), t, "sophie", "2012-05-15T09:00:00Z", SLA, null, null, null);
        data.clock(leads.get(4), t, null, "2012-05-15T09:00:00Z", SLA, Duration.ofHours(1), "REASSIGNED", 3600L);
        data.clock(leads.get(4), t, "steve", "2012-05-15T10:00:00Z", SLA, Duration.ofMinutes(30), "ACCEPTED", 1800L);
        data.clock(leads.get(4), t, "steve", "2012-06-01T09:00:00Z", SLA, Duration.ofDays(3), "ACCEPTED", 90000L);
        data.breach(leads.get(3), "ACCEPT", t, "steve", "2012-05-08T17:00:00Z", 600);
        data.breach(leads.get(1), "CONTACT_CADENCE", t, "sam", "2012-05-20T10:00:00Z", 1200);
        data.breach(leads.get(1), "CONTACT_CADENCE", t, "sam", "2012-06-02T10:00:00Z", 5000);
        data.escalation(leads.get(3), "2012-05-08T17:00:00Z", "REASSIGNED");

        JsonNode sla = get("/api/reports/sla?from=2012-05-01&to=2012-05-31");
        JsonNode total = sla.path("total");
        // By the agreement the lead was routed under: the rows add up to the 5 judged and 3 answered in time.
        JsonNode byAgreement = sla.path("byAgreement");
        assertThat(byAgreement).hasSize(3);
        assertThat(byAgreement.get(0).path("agreement").asInt()).isEqualTo(1);
        assertThat(byAgreement.get(0).path("judged").asLong()).isEqualTo(2);
        assertThat(byAgreement.get(0).path("slaCompliance").asDouble()).isEqualTo(0.5);
        assertThat(byAgreement.get(1).path("agreement").asInt()).isEqualTo(2);
        assertThat(byAgreement.get(1).path("answeredInSla").asLong()).isEqualTo(1);
        assertThat(byAgreement.get(2).has("agreement")).isFalse();
        assertThat(byAgreement.get(2).path("judged").asLong()).isEqualTo(1);
        assertThat(byAgreement.get(2).path("slaCompliance").asDouble()).isEqualTo(1.0);
        assertThat(total.path("started").asLong()).isEqualTo(7);
        assertThat(total.path("judged").asLong()).isEqualTo(5);
        assertThat(total.path("answeredInSla").asLong()).isEqualTo(3);
        assertThat(total.path("slaCompliance").asDouble()).isEqualTo(0.6);
        assertThat(total.path("accepted").asLong()).isEqualTo(3);
        assertThat(total.path("acceptedInSla").asLong()).isEqualTo(2);
        assertThat(total.path("acceptedWithinSla").asDouble()).isEqualTo(0.4);
        assertThat(total.path("rejected").asLong()).isEqualTo(1);
        assertThat(total.path("breached").asLong()).isEqualTo(1);
        assertThat(total.path("reassigned").asLong()).isEqualTo(1);
        assertThat(total.path("open").asLong()).isEqualTo(1);
        // accepted after 1800, 3600 and 30000 business seconds
        assertThat(total.path("timeToAcceptBusinessSeconds").path("count").asLong()).isEqualTo(3);
        assertThat(total.path("timeToAcceptBusinessSeconds").path("medianSeconds").asLong()).isEqualTo(3600);
        assertThat(total.path("timeToAcceptBusinessSeconds").path("p90Seconds").asLong()).isEqualTo(24720);
        assertThat(sla.path("target").asDouble()).isEqualTo(0.9);
        assertThat(sla.path("meetsTarget").asBoolean()).isFalse();

        JsonNode rows = sla.path("byTeamAndRep");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).path("rep").asText()).isEqualTo("sam");
        assertThat(rows.get(0).path("clocks").path("slaCompliance").asDouble()).isEqualTo(0.6667);
        assertThat(rows.get(0).path("breaches").asLong()).isEqualTo(1);
        assertThat(rows.get(1).path("rep").asText()).isEqualTo("sophie");
        assertThat(rows.get(1).path("clocks").path("open").asLong()).isEqualTo(1);
        assertThat(rows.get(1).path("clocks").has("slaCompliance")).isFalse();
        assertThat(rows.get(2).path("rep").asText()).isEqualTo("steve");
        assertThat(rows.get(2).path("clocks").path("slaCompliance").asDouble()).isEqualTo(0.5);
        assertThat(rows.get(2).path("breaches").asLong()).isEqualTo(1);
        assertThat(rows.get(3).has("rep")).as("the queue").isFalse();
        assertThat(rows.get(3).path("clocks").path("reassigned").asLong()).isEqualTo(1);

        assertThat(sla.path("breaches").path("total").asLong()).isEqualTo(2);
        assertThat(sla.path("breaches").path("byKind").path("ACCEPT").asLong()).isEqualTo(1);
        assertThat(sla.path("breaches").path("byKind").path("CONTACT_CADENCE").asLong()).isEqualTo(1);
        assertThat(sla.path("breaches").path("medianLateSeconds").asLong()).isEqualTo(900);
        assertThat(sla.path("escalations").path("raised").asLong()).isEqualTo(1);
        assertThat(sla.path("escalations").path("byResolution").path("REASSIGNED").asLong()).isEqualTo(1);

        JsonNode speed = sla.path("speedToLead");
        assertThat(speed.path("created").asLong()).isEqualTo(5);
        assertThat(speed.path("contacted").asLong()).isEqualTo(2);
        assertThat(speed.path("medianSeconds").asLong()).isEqualTo(1800);
        assertThat(speed.path("p90Seconds").asLong()).isEqualTo(2760);

        JsonNode weeks = sla.path("weekly");
        assertThat(weeks).hasSize(5);
        assertThat(weeks.get(0).path("weekOf").asText()).isEqualTo("2012-04-30");
        assertThat(weeks.get(1).path("judged").asLong()).isEqualTo(4);
        assertThat(weeks.get(1).path("slaCompliance").asDouble()).isEqualTo(0.5);
        assertThat(weeks.get(2).path("judged").asLong()).isEqualTo(1);
        assertThat(weeks.get(2).path("slaCompliance").asDouble()).isEqualTo(1.0);
        assertThat(weeks.get(3).has("slaCompliance")).isFalse();

        JsonNode sam = get("/api/reports/sla?from=2012-05-01&to=2012-05-31&rep=sam");
        assertThat(sam.path("total").path("judged").asLong()).isEqualTo(3);
        assertThat(sam.path("breaches").path("total").asLong()).isEqualTo(1);
    }

    @Test
    void rejectionsByReasonCampaignAndRepWithArbitrationAndAcceptance() {
        List<String> leads = new ArrayList<>();
        String[] campaigns = { "winter-ads", "winter-ads", "winter-ads", "partner-push", null };
        for (String campaign : campaigns) {
            leads.add(data.lead("2013-02-04T10:00:00Z").source("INBOUND", campaign)
                    .persona(campaign == null ? null : "sales-leader")
                    .agreement(campaign == null ? null : "partner-push".equals(campaign) ? 2 : 1).insert());
        }
        String[] reps = { "sam", "sam", "steve", "steve", "sophie" };
        for (int i = 0; i < 5; i++) {
            data.clock(leads.get(i), "rej-team", reps[i], "2013-02-05T10:00:00Z", SLA, Duration.ofHours(2), "REJECTED",
                    7200L);
        }
        for (int i = 0; i < 15; i++) {
            String lead = data.lead("2013-02-04T10:00:00Z").source("INBOUND", "winter-ads")
                    .persona(i < 5 ? "sales-leader" : null).insert();
            data.clock(lead, "rej-team", "sam", "2013-02-05T10:00:00Z", SLA, Duration.ofHours(1), "ACCEPTED", 3600L);
        }
        data.rejection(leads.get(0), "sam", "below_definition", "2013-02-05T12:00:00Z", "DISPUTED", "UPHELD");
        data.rejection(leads.get(1), "sam", "below_definition", "2013-02-05T12:00:00Z", "DISPUTED", "OVERTURNED");
        data.rejection(leads.get(2), "steve", "below_definition", "2013-02-05T12:00:00Z", "ACCEPTED", null);
        data.rejection(leads.get(3), "steve", "misrouted", "2013-02-05T12:00:00Z", null, null);
        data.rejection(leads.get(4), "sophie", "bad_data", "2013-02-05T12:00:00Z", null, null);
        data.rejection(leads.get(4), "sophie", "bad_data", "2013-02-28T23:00:00Z", null, null);

        JsonNode report = get("/api/reports/rejections?from=2013-02-01&to=2013-02-28");
        assertThat(report.path("total").asLong()).isEqualTo(5);
        assertThat(report.path("definitionalShare").asDouble()).isEqualTo(0.6);
        JsonNode reasons = report.path("byReason");
        assertThat(reasons).hasSize(3);
        assertThat(reasons.get(0).path("reason").asText()).isEqualTo("bad_data");
        assertThat(reasons.get(1).path("reason").asText()).isEqualTo("below_definition");
        assertThat(reasons.get(1).path("rejections").asLong()).isEqualTo(3);
        assertThat(reasons.get(1).path("disputed").asLong()).isEqualTo(2);
        assertThat(reasons.get(1).path("upheld").asLong()).isEqualTo(1);
        assertThat(reasons.get(1).path("overturned").asLong()).isEqualTo(1);
        assertThat(reasons.get(2).path("reason").asText()).isEqualTo("misrouted");

        JsonNode campaignsRows = report.path("byCampaign");
        assertThat(campaignsRows).hasSize(3);
        assertThat(campaignsRows.get(0).path("campaign").asText()).isEqualTo("partner-push");
        assertThat(campaignsRows.get(1).path("campaign").asText()).isEqualTo("winter-ads");
        assertThat(campaignsRows.get(1).path("rejections").asLong()).isEqualTo(3);
        assertThat(campaignsRows.get(2).has("campaign")).isFalse();

        JsonNode reps2 = report.path("byRep");
        assertThat(reps2).hasSize(3);
        assertThat(reps2.get(0).path("rep").asText()).isEqualTo("sam");
        assertThat(reps2.get(0).path("belowDefinition").asLong()).isEqualTo(2);
        assertThat(reps2.get(2).path("rep").asText()).isEqualTo("steve");
        assertThat(reps2.get(2).path("rejections").asLong()).isEqualTo(2);

        assertThat(report.path("reviewOutcomes").path("DISPUTED").asLong()).isEqualTo(2);
        assertThat(report.path("reviewOutcomes").path("ACCEPTED").asLong()).isEqualTo(1);
        assertThat(report.path("arbitrationOutcomes").path("UPHELD").asLong()).isEqualTo(1);
        assertThat(report.path("arbitrationOutcomes").path("OVERTURNED").asLong()).isEqualTo(1);

        JsonNode acceptance = report.path("acceptance");
        assertThat(acceptance.path("decisions").asLong()).isEqualTo(20);
        assertThat(acceptance.path("accepted").asLong()).isEqualTo(15);
        assertThat(acceptance.path("rate").asDouble()).isEqualTo(0.75);
        assertThat(acceptance.path("target").asDouble()).isEqualTo(0.9);
        assertThat(acceptance.path("meetsTarget").asBoolean()).isFalse();

        JsonNode rejectionsByAgreement = report.path("byAgreement");
        assertThat(rejectionsByAgreement).hasSize(3);
        assertThat(rejectionsByAgreement.get(0).path("agreement").asInt()).isEqualTo(1);
        assertThat(rejectionsByAgreement.get(0).path("rejections").asLong()).isEqualTo(3);
        assertThat(rejectionsByAgreement.get(0).path("belowDefinition").asLong()).isEqualTo(3);
        assertThat(rejectionsByAgreement.get(1).path("agreement").asInt()).isEqualTo(2);
        assertThat(rejectionsByAgreement.get(1).path("belowDefinition").asLong()).isZero();
        assertThat(rejectionsByAgreement.get(2).has("agreement")).isFalse();
        assertThat(rejectionsByAgreement.get(2).path("rejections").asLong()).isEqualTo(1);

        // The same decisions by the persona of their lead: 4 rejected and 5 accepted sales leaders, the rest none.
        JsonNode byPersona = report.path("acceptanceByPersona");
        assertThat(byPersona).extracting(p -> p.path("persona").asText()).containsExactly("sales-leader", "unmatched");
        assertThat(byPersona.get(0).path("decisions").asLong()).isEqualTo(9);
        assertThat(byPersona.get(0).path("accepted").asLong()).isEqualTo(5);
        assertThat(byPersona.get(0).path("rate").asDouble()).isEqualTo(0.5556);
        assertThat(byPersona.get(1).path("decisions").asLong()).isEqualTo(11);
        assertThat(byPersona.get(1).path("rejected").asLong()).isEqualTo(1);
        assertThat(byPersona.get(0).path("accepted").asLong() + byPersona.get(1).path("accepted").asLong())
                .isEqualTo(acceptance.path("accepted").asLong());

        JsonNode steve = get("/api/reports/rejections?from=2013-02-01&to=2013-02-28&rep=steve");
        assertThat(steve.path("total").asLong()).isEqualTo(2);
        assertThat(steve.path("acceptance").path("decisions").asLong()).isEqualTo(2);
        assertThat(steve.path("acceptance").path("rate").asDouble()).isEqualTo(0.0);
    }

    @Test
    void contentReportMeasuresReuseTriageCycleRevisionsAndRatings() {
        long origin = data.contentRequest("sam", "deck", "2014-05-01T08:00:00Z", Duration.ofDays(9), 0, null);
        long asset = data.asset(origin, "2014-05-10T08:00:00Z");
        long q1 = data.contentRequest("sam", "deck", "2014-06-02T08:00:00Z", Duration.ofHours(48), 0, null);
        data.contentEvent(q1, "requested", ReportData.at("2014-06-02T08:00:00Z"));
        data.contentEvent(q1, "accepted", ReportData.at("2014-06-02T10:00:00Z"));
        long q2 = data.contentRequest("sam", "deck", "2014-06-03T08:00:00Z", Duration.ofHours(96), 2, null);
        data.contentEvent(q2, "accepted", ReportData.at("2014-06-03T12:00:00Z"));
        data.contentEvent(q2, "accepted", ReportData.at("2014-06-04T12:00:00Z"));
        long q3 = data.contentRequest("sam", "case_study", "2014-06-04T08:00:00Z", Duration.ofHours(1), 0, asset);
        data.contentEvent(q3, "reuse", ReportData.at("2014-06-04T09:00:00Z"));
        data.contentRequest("alex", "battlecard", "2014-06-05T08:00:00Z", null, 1, null);
        data.alignmentItem(q2, "2014-06-07T10:00:00Z");
        data.rating(asset, "sam", 4, 2, "2014-06-10T10:00:00Z");
        data.rating(asset, "ava", 5, 1, "2014-06-11T10:00:00Z");
        data.rating(asset, "steve", 2, 0, "2014-07-02T10:00:00Z");

        JsonNode report = get("/api/reports/content?from=2014-06-01&to=2014-06-30");
        assertThat(report.path("requests").asLong()).isEqualTo(4);
        assertThat(report.path("byStatus").path("published").asLong()).isEqualTo(2);
        assertThat(report.path("byStatus").path("reused").asLong()).isEqualTo(1);
        assertThat(report.path("byStatus").path("in_production").asLong()).isEqualTo(1);
        assertThat(report.path("reused").asLong()).isEqualTo(1);
        assertThat(report.path("reuseRate").asDouble()).isEqualTo(0.25);
        assertThat(report.path("triage").path("count").asLong()).isEqualTo(3);
        assertThat(report.path("triage").path("medianSeconds").asLong()).isEqualTo(7200);
        assertThat(report.path("triage").path("p90Seconds").asLong()).isEqualTo(12960);
        assertThat(report.path("cycle").path("count").asLong()).isEqualTo(3);
        assertThat(report.path("cycle").path("medianSeconds").asLong()).isEqualTo(172800);
        assertThat(report.path("cycle").path("p90Seconds").asLong()).isEqualTo(311040);
        assertThat(report.path("revisions").asLong()).isEqualTo(3);
        assertThat(report.path("averageRevisions").asDouble()).isEqualTo(0.75);
        assertThat(report.path("requestsWithRevisions").asLong()).isEqualTo(2);
        assertThat(report.path("alignmentItems").asLong()).isEqualTo(1);
        JsonNode types = report.path("byType");
        assertThat(types).hasSize(3);
        assertThat(types.get(0).path("type").asText()).isEqualTo("battlecard");
        assertThat(types.get(0).has("medianCycleSeconds")).isFalse();
        assertThat(types.get(2).path("type").asText()).isEqualTo("deck");
        assertThat(types.get(2).path("medianCycleSeconds").asLong()).isEqualTo(259200);
        JsonNode ratings = report.path("ratings");
        assertThat(ratings.path("count").asLong()).isEqualTo(2);
        assertThat(ratings.path("averageUsefulness").asDouble()).isEqualTo(4.5);
        assertThat(ratings.path("dealsUsedIn").asLong()).isEqualTo(3);

        assertThat(get("/api/reports/content?from=2014-06-01&to=2014-06-30&rep=alex").path("requests").asLong())
                .isEqualTo(1);
    }

    @Test
    void attributionCreditsWonRevenueToBothTeams() {
        data.lead("2015-08-01T10:00:00Z").source("INBOUND", "autumn").won("1000.50", "2015-09-10T10:00:00Z").insert();
        data.lead("2015-08-01T10:00:00Z").source("INBOUND", "autumn").won("500", "2015-09-11T10:00:00Z").insert();
        data.lead("2015-08-01T10:00:00Z").source("EVENT", "summit").won("2000", "2015-09-12T10:00:00Z").insert();
        data.lead("2015-08-01T10:00:00Z").source("OUTBOUND", null).won("3000", "2015-09-13T10:00:00Z").insert();
        data.lead("2015-08-01T10:00:00Z").source("INBOUND", "autumn").reached("LOST").insert();
        data.lead("2015-08-01T10:00:00Z").source("INBOUND", "autumn").won("999", "2015-10-01T10:00:00Z").insert();

        JsonNode report = get("/api/reports/attribution?from=2015-09-01&to=2015-09-30");
        assertThat(report.path("total").path("deals").asLong()).isEqualTo(4);
        assertThat(report.path("total").path("revenue").decimalValue()).isEqualByComparingTo("6500.50");
        assertThat(report.path("marketingSourced").path("deals").asLong()).isEqualTo(3);
        assertThat(report.path("marketingSourced").path("revenue").decimalValue()).isEqualByComparingTo("3500.50");
        assertThat(report.path("salesSourced").path("revenue").decimalValue()).isEqualByComparingTo("3000");
        assertThat(report.path("creditedTo").path("marketing").decimalValue()).isEqualByComparingTo("6500.50");
        assertThat(report.path("creditedTo").path("sales").decimalValue()).isEqualByComparingTo("6500.50");
        JsonNode rows = report.path("bySourceAndCampaign");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).path("campaign").asText()).isEqualTo("autumn");
        assertThat(rows.get(1).path("deals").asLong()).isEqualTo(2);
        assertThat(rows.get(1).path("revenue").decimalValue()).isEqualByComparingTo(new BigDecimal("1500.50"));
        assertThat(rows.get(2).path("sourcedBy").asText()).isEqualTo("SALES");

        assertThat(get("/api/reports/attribution?from=2015-09-01&to=2015-09-30&source=outbound")
                .path("total").path("deals").asLong()).isEqualTo(1);
    }

    @Test
    void reviewOutcomesOfThePeriodNewestFirst() {
        for (String[] row : List.of(
                new String[] { "weekly", "2016-02-01", "2016-02-07", "restore-sla", "2016-02-08T09:30:00Z" },
                new String[] { "monthly", "2016-01-01", "2016-01-31", "revise-mql-definition", "2016-02-01T10:30:00Z" },
                new String[] { "weekly", "2016-02-08", "2016-02-14", "none", "2016-02-15T09:30:00Z" },
                new String[] { "weekly", "2016-02-15", "2016-02-21", "none", "2016-03-01T09:30:00Z" })) {
            jdbcClient.sql("insert into alignment_review (process_instance_id, cadence, period_from, period_to,"
                    + " follow_up, reviewed_by, reviewed_at) values (?, ?, ?, ?, ?, 'sally', ?)")
                    .params(java.util.UUID.randomUUID().toString(), row[0], java.time.LocalDate.parse(row[1]),
                            java.time.LocalDate.parse(row[2]), row[3], java.time.OffsetDateTime.parse(row[4]))
                    .update();
        }
        JsonNode february = get("/api/reports/reviews?from=2016-02-01&to=2016-02-29");
        assertThat(february).hasSize(3);
        assertThat(february.get(0).path("periodFrom").asText()).isEqualTo("2016-02-08");
        assertThat(february.get(2).path("cadence").asText()).isEqualTo("monthly");
        assertThat(february.get(2).path("followUp").asText()).isEqualTo("revise-mql-definition");
        JsonNode weekly = get("/api/reports/reviews?from=2016-02-01&to=2016-02-29&cadence=Weekly");
        assertThat(weekly).hasSize(2);
        assertThat(weekly.get(1).path("followUp").asText()).isEqualTo("restore-sla");
        assertThat(get("/api/reports/reviews?from=2016-04-01&to=2016-04-30")).isEmpty();
    }

    @Test
    void onlyManagersAndAdminsReadReports() {
        for (String path : List.of("/api/reports/funnel", "/api/reports/sla", "/api/reports/rejections",
                "/api/reports/content", "/api/reports/attribution", "/api/reports/quarter-diagnosis?quarter=2011-Q1",
                "/api/reports/bottlenecks?processDefinitionKey=lead-lifecycle", "/api/reports/reviews")) {
            Api.Response sdr = Api.as(port, "sam").get(path);
            assertThat(sdr.status()).as(path + ": " + sdr.body()).isEqualTo(403);
            assertThat(sdr.contentType()).startsWith("application/problem+json");
            assertThat(Api.as(port, "mona").get(path).status()).as(path).isEqualTo(403);
            assertThat(Api.anonymous(port).get(path).status()).as(path).isEqualTo(401);
            for (String reader : List.of("sally", "mark", "admin")) {
                Api.Response ok = Api.as(port, reader).get(path);
                assertThat(ok.status()).as(reader + " " + path + ": " + ok.body()).isEqualTo(200);
            }
        }
    }

    @Test
    void invalidParametersAreProblemDetailsNamingTheField() {
        assertInvalid("/api/reports/funnel?from=2011-05-02&to=2011-05-01", "from");
        assertInvalid("/api/reports/funnel?from=yesterday", "from");
        assertInvalid("/api/reports/sla?source=carrier-pigeon", "source");
        assertInvalid("/api/reports/quarter-diagnosis?quarter=2026-Q5", "quarter");
        assertInvalid("/api/reports/bottlenecks", "processDefinitionKey");
        assertInvalid("/api/reports/reviews?cadence=daily", "cadence");
    }

    private void assertInvalid(String path, String field) {
        Api.Response response = Api.as(port, "sally").get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo(field);
    }

    static void assertStages(JsonNode counts, long leads, long mql, long sal, long sql, long opportunity, long won) {
        assertThat(List.of(counts.path("leads").asLong(), counts.path("mql").asLong(), counts.path("sal").asLong(),
                counts.path("sql").asLong(), counts.path("opportunity").asLong(), counts.path("won").asLong()))
                .as(counts.toString()).containsExactly(leads, mql, sal, sql, opportunity, won);
    }

    private JsonNode get(String path) {
        Api.Response response = Api.as(port, "sally").get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
