package dev.handoff.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;

/** One fixed quarter per verdict, each in a year of its own; the figures must match the funnel and SLA reports. */
@IntegrationTest
class QuarterDiagnosisIT {

    private static final Duration SLA = Duration.ofHours(8);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbcClient;

    @Test
    void slaNotHonouredWhenSalesAnswerTooFewLeadsInTime() {
        // 5 of 10 clocks answered in time, although acceptance and conversion would be fine.
        quarter("2016-02-10", new Mix(5, 3, 2, 0, 0), 10, 8, 4);
        JsonNode diagnosis = diagnose("2016-Q1");
        assertThat(diagnosis.path("verdict").asText()).isEqualTo("SLA_NOT_HONOURED");
        JsonNode figures = diagnosis.path("figures");
        assertThat(figures.path("slaClocksJudged").asLong()).isEqualTo(10);
        assertThat(figures.path("slaAnsweredInTime").asLong()).isEqualTo(5);
        assertThat(figures.path("slaCompliance").asDouble()).isEqualTo(0.5);
        assertThat(figures.path("acceptanceRate").asDouble()).isEqualTo(1.0);
        assertThat(figures.path("salToSql").asDouble()).isEqualTo(0.5);
        assertThat(diagnosis.path("targets").path("slaCompliance").asDouble()).isEqualTo(0.9);
        assertThat(diagnosis.path("findings").get(0).asText()).contains("SLA compliance 50.0 %", "5 of 10");
        assertThat(diagnosis.path("window").path("from").asText()).isEqualTo("2016-01-01");
        assertThat(diagnosis.path("window").path("to").asText()).isEqualTo("2016-03-31");
        agreesWithReports(diagnosis, "2016-01-01", "2016-03-31");
    }

    @Test
    void leadsBelowExpectationWhenSalesAnswerInTimeButRejectTooMany() {
        // All 10 answered in time, 7 accepted: acceptance 70 % under 90 %.
        quarter("2016-05-10", new Mix(7, 0, 0, 3, 0), 10, 7, 5);
        JsonNode diagnosis = diagnose("2016-Q2");
        assertThat(diagnosis.path("verdict").asText()).isEqualTo("LEADS_BELOW_EXPECTATION");
        assertThat(diagnosis.path("figures").path("slaCompliance").asDouble()).isEqualTo(1.0);
        assertThat(diagnosis.path("figures").path("acceptanceRate").asDouble()).isEqualTo(0.7);
        assertThat(diagnosis.path("figures").path("definitionalShare").asDouble()).isEqualTo(1.0);
        agreesWithReports(diagnosis, "2016-04-01", "2016-06-30");
    }

    @Test
    void leadsBelowExpectationWhenDefinitionalRejectionsDominateEvenAtTargetAcceptance() {
        // 9 of 10 accepted meets the target, but the one rejection says "below definition".
        quarter("2017-05-10", new Mix(9, 0, 0, 1, 0), 10, 9, 5);
        JsonNode diagnosis = diagnose("2017-Q2");
        assertThat(diagnosis.path("verdict").asText()).isEqualTo("LEADS_BELOW_EXPECTATION");
        assertThat(diagnosis.path("figures").path("acceptanceRate").asDouble()).isEqualTo(0.9);
        assertThat(diagnosis.path("findings")).hasSize(1);
        assertThat(diagnosis.path("findings").get(0).asText()).contains("1 of 1 rejections");
    }

    @Test
    void messageMismatchWhenAcceptedLeadsConvertPoorly() {
        // SLA and acceptance fine; 2 of 10 accepted leads qualified: 20 % under 25 %.
        quarter("2016-08-10", new Mix(10, 0, 0, 0, 0), 10, 10, 2);
        JsonNode diagnosis = diagnose("2016-Q3");
        assertThat(diagnosis.path("verdict").asText()).isEqualTo("MESSAGE_MISMATCH");
        assertThat(diagnosis.path("figures").path("sal").asLong()).isEqualTo(10);
        assertThat(diagnosis.path("figures").path("sql").asLong()).isEqualTo(2);
        assertThat(diagnosis.path("figures").path("salToSql").asDouble()).isEqualTo(0.2);
        assertThat(diagnosis.path("targets").path("salToSql").asDouble()).isEqualTo(0.25);
        agreesWithReports(diagnosis, "2016-07-01", "2016-09-30");
    }

    @Test
    void healthyWhenEveryFigureMeetsItsTarget() {
        // 10 of 11 accepted (90.9 %), the one rejection misrouted, all in time, half the SALs qualified.
        quarter("2016-11-10", new Mix(10, 0, 0, 0, 1), 11, 10, 5);
        JsonNode diagnosis = diagnose("2016-Q4");
        assertThat(diagnosis.path("verdict").asText()).isEqualTo("HEALTHY");
        assertThat(diagnosis.path("findings")).isEmpty();
        assertThat(diagnosis.path("figures").path("acceptanceRate").asDouble()).isEqualTo(0.9091);
        assertThat(diagnosis.path("figures").path("definitionalShare").asDouble()).isEqualTo(0.0);
        agreesWithReports(diagnosis, "2016-10-01", "2016-12-31");
    }

    @Test
    void anEmptyQuarterHasNoVerdictToGive() {
        JsonNode diagnosis = diagnose("2017-Q1");
        assertThat(diagnosis.path("verdict").asText()).isEqualTo("NO_DATA");
        assertThat(diagnosis.path("figures").has("slaCompliance")).isFalse();
        assertThat(diagnosis.path("figures").has("salToSql")).isFalse();
    }

    /** How the SDR clocks of a quarter ended. */
    record Mix(int inTime, int late, int breached, int rejectedBelowDefinition, int rejectedMisrouted) {
    }

    private void quarter(String day, Mix mix, int leads, int sal, int sql) {
        ReportData data = new ReportData(jdbcClient);
        String at = day + "T10:00:00Z";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < leads; i++) {
            ids.add(data.lead(at).source("INBOUND", "diagnosis-" + day)
                    .reached(i < sql ? "SQL" : i < sal ? "SAL" : "MQL").insert());
        }
        int n = 0;
        for (int i = 0; i < mix.inTime(); i++) {
            data.clock(ids.get(n++ % leads), "diag", "sam", at, SLA, Duration.ofHours(1), "ACCEPTED", 3600L);
        }
        for (int i = 0; i < mix.late(); i++) {
            data.clock(ids.get(n++ % leads), "diag", "sam", at, SLA, Duration.ofDays(2), "ACCEPTED", 40000L);
        }
        for (int i = 0; i < mix.breached(); i++) {
            data.clock(ids.get(n++ % leads), "diag", "sam", at, SLA, SLA, "BREACHED", 28800L);
        }
        for (int i = 0; i < mix.rejectedBelowDefinition() + mix.rejectedMisrouted(); i++) {
            String lead = ids.get(n++ % leads);
            data.clock(lead, "diag", "steve", at, SLA, Duration.ofHours(1), "REJECTED", 3600L);
            data.rejection(lead, "steve", i < mix.rejectedBelowDefinition() ? "below_definition" : "misrouted",
                    day + "T11:00:00Z", null, null);
        }
    }

    /** The diagnosis must tell the same story as the reports a manager would open next to it. */
    private void agreesWithReports(JsonNode diagnosis, String from, String to) {
        JsonNode funnel = get("/api/reports/funnel?from=" + from + "&to=" + to);
        JsonNode sla = get("/api/reports/sla?from=" + from + "&to=" + to);
        JsonNode rejections = get("/api/reports/rejections?from=" + from + "&to=" + to);
        JsonNode figures = diagnosis.path("figures");
        assertThat(figures.path("sal")).isEqualTo(funnel.path("total").path("counts").path("sal"));
        assertThat(figures.path("salToSql")).isEqualTo(funnel.path("total").path("conversion").path("salToSql"));
        assertThat(figures.path("slaCompliance")).isEqualTo(sla.path("total").path("slaCompliance"));
        assertThat(figures.path("slaClocksJudged")).isEqualTo(sla.path("total").path("judged"));
        assertThat(figures.path("acceptanceRate")).isEqualTo(rejections.path("acceptance").path("rate"));
    }

    private JsonNode diagnose(String quarter) {
        return get("/api/reports/quarter-diagnosis?quarter=" + quarter);
    }

    private JsonNode get(String path) {
        Api.Response response = Api.as(port, "mark").get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
