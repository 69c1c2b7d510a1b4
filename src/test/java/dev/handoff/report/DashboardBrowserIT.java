package dev.handoff.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.handoff.platform.EngineClock;
import dev.handoff.support.Api;
import dev.handoff.support.Browser;
import dev.handoff.support.IntegrationTest;
import dev.handoff.support.TestLeads;
import dev.handoff.support.WebhookReceiver;

/**
 * A sales manager signs in and the dashboard draws its charts from the report API; an admin also sees the outbox's
 * failed deliveries there and retries them.
 */
@IntegrationTest
class DashboardBrowserIT {

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbcClient;

    @Autowired
    WebhookReceiver receiver;

    @Test
    void aSalesManagerSeesTheChartsWithData() {
        recentData();
        // The agreement in force sets an MQL objective for the quarter: the dashboard shows it beside the actual.
        int inForce = jdbcClient.sql("select number from agreement where in_force = 'Y'").query(Integer.class).single();
        jdbcClient.sql("update agreement set objective_mqls = 4000 where number = ?").param(inForce).update();
        try {
            seeTheCharts(inForce);
        } finally {
            jdbcClient.sql("update agreement set objective_mqls = null where number = ?").param(inForce).update();
        }
    }

    private void seeTheCharts(int inForce) {
        // Opened before signing in, the dashboard sends sally to the webapp login, whose welcome page links back.
        browser.open("http://localhost:" + port + "/dashboard/");
        WebappLogin.signIn(browser, "sally");
        browser.await(ExpectedConditions.elementToBeClickable(By.linkText("Handoff dashboard"))).click();
        browser.await(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded"))
                || "error".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        assertThat(browser.driver().findElement(By.id("status")).getText()).isEmpty();

        assertThat(sum("funnel-chart", 0)).as("leads in the funnel").isGreaterThanOrEqualTo(3);
        assertThat(points("sla-chart", 0)).as("weeks with SLA compliance").isPositive();
        assertThat(sum("rejections-chart", 0)).as("rejections").isGreaterThanOrEqualTo(1);
        assertThat(points("content-chart", 0)).as("content types with a cycle time").isPositive();
        assertThat(browser.driver().findElement(By.id("verdict")).getText())
                .isIn("SLA not honoured", "Leads below expectation", "Message mismatch", "Healthy");
        // People read labels, never the API's codes.
        assertThat(labels("rejections-chart")).contains("Below the MQL definition").noneMatch(l -> l.contains("_"));
        assertThat(labels("content-chart")).contains("Deck").noneMatch(l -> l.contains("_"));
        String rejections = browser.driver().findElement(By.id("rejections-summary")).getText();
        assertThat(rejections).containsPattern("arbitration: Overturned \\d+ · Upheld \\d+\\.")
                .doesNotContain("OVERTURNED", "UPHELD", "{");
        assertThat(browser.driver().findElements(By.cssSelector("#diagnosis-figures tr"))).hasSize(5);

        assertThat(browser.driver().findElement(By.id("agreement-signed")).getText())
                .containsPattern("signed for marketing by \\w+ on \\d{4}-\\d{2}-\\d{2}, for sales by \\w+ on ");
        assertThat(browser.driver().findElement(By.id("agreement-personas")).getText())
                .startsWith("Personas: ").contains("Finance leader");
        assertThat(browser.driver().findElement(By.id("objectives-quarter")).getText())
                .endsWith("(agreement " + inForce + ")");
        var objectives = browser.driver().findElements(By.cssSelector("#objectives tr"));
        assertThat(objectives).extracting(r -> r.findElement(By.tagName("td")).getText())
                .containsExactly("Objective", "MQLs", "SQLs", "Pipeline", "Won revenue");
        var mqls = objectives.get(1).findElements(By.tagName("td"));
        long actual = Long.parseLong(mqls.get(1).getText().replace(",", ""));
        assertThat(actual).as("this quarter's MQLs").isNotNegative();
        assertThat(mqls.get(2).getText()).isEqualTo("4,000");
        assertThat(Double.parseDouble(mqls.get(3).getText().replace(" %", "")))
                .isCloseTo(actual / 40.0, org.assertj.core.data.Offset.offset(0.06));
        assertThat(objectives.get(2).findElements(By.tagName("td")).get(2).getText()).isEqualTo("none agreed");
        assertThat(browser.driver().findElement(By.id("funnel-summary")).getText()).contains("By persona");
        assertThat(browser.driver().findElement(By.id("failed-deliveries")).isDisplayed())
                .as("failed deliveries are for admins").isFalse();
    }

    @Test
    void anAdminRetriesTheFailedDeliveryOfAReceiverThatRefusedEverythingOnceItIsBack() throws Exception {
        receiver.failFirstAttempts(Integer.MAX_VALUE);
        JsonNode lead;
        try {
            lead = Api.as(port, "intake").post("/api/leads", TestLeads.vp(null)).json();
            String id = lead.path("id").asText();
            awaitCondition(() -> failed(id) != null, "the lead's first event failed for test-crm");
            assertThat(metric("handoff.outbox.failed", "")).as("failed rows").isPositive();
            assertThat(metric("handoff.outbox.attempts", "&tag=subscriber:test-crm&tag=outcome:failed"))
                    .isGreaterThanOrEqualTo(failed(id).path("attempts").asInt());
            assertThat(Api.as(port, "sally").get("/actuator/metrics/handoff.outbox.failed").status()).isEqualTo(403);
        } finally {
            receiver.failFirstAttempts(0);
        }
        String id = lead.path("id").asText();
        String number = lead.path("number").asText();

        browser.open("http://localhost:" + port + "/dashboard/");
        WebappLogin.signIn(browser, "admin");
        browser.await(ExpectedConditions.elementToBeClickable(By.linkText("Handoff dashboard"))).click();
        By row = By.xpath("//section[@id='failed-deliveries']//tbody/tr[td[3][text()='" + number + "']]");
        var cells = browser.await(ExpectedConditions.visibilityOfElementLocated(row)).findElements(By.tagName("td"));
        assertThat(cells).extracting(cell -> cell.getText()).startsWith("test-crm", "CAPTURED", number,
                String.valueOf(failed(id).path("attempts").asInt()));
        assertThat(cells.get(4).getText()).startsWith("HTTP 500");
        assertThat(browser.driver().findElement(By.id("failed-subscribers")).getText())
                .contains("Retry all for test-crm");

        assertThat(accepted(id)).as("the lead's later events wait behind the failed one").isEmpty();

        long rowId = failed(id).path("id").asLong();
        browser.driver().findElement(row).findElement(By.xpath(".//button[text()='Retry']")).click();
        browser.await(d -> d.findElements(row).isEmpty());
        assertThat(browser.driver().findElement(By.id("status")).getText()).isEmpty();
        assertThat(Api.as(port, "admin").post("/api/outbox/" + rowId + "/retry", java.util.Map.of()).status())
                .as("no longer failed").isEqualTo(409);
        awaitCondition(() -> accepted(id).size() >= 2, "the lead's events after the retry");
        assertThat(accepted(id)).as("the retried event, then the one that waited behind it")
                .containsExactly("CAPTURED", "MQL_DEFINITION_APPLIED");
        assertThat(failed(id)).isNull();
    }

    @Test
    void anSdrIsTurnedAway() {
        assertThat(Api.as(port, "sam").get("/dashboard/").status()).isEqualTo(403);
        assertThat(Api.anonymous(port).get("/dashboard/index.html").status()).isEqualTo(401);
        Api.Response anonymousPage = Api.anonymous(port).page("/dashboard/");
        assertThat(anonymousPage.status()).isEqualTo(302);
        assertThat(anonymousPage.location()).endsWith("/camunda/app/welcome/default/");
        Api.Response samsPage = Api.as(port, "sam").page("/dashboard/");
        assertThat(samsPage.status()).isEqualTo(403);
        assertThat(samsPage.body()).contains("signed in as sam");
        Api.Response page = Api.as(port, "mark").get("/dashboard/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("chart.umd.js");
        assertThat(Api.anonymous(port).get("/webjars/chart.js/4.4.9/dist/chart.umd.js").status()).isEqualTo(200);
    }

    /** A few leads of the last days, so the default period (the last 90 days) has something to draw. */
    private void recentData() {
        ReportData data = new ReportData(jdbcClient);
        OffsetDateTime yesterday = EngineClock.now().minusDays(1).truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < 3; i++) {
            String lead = data.lead(yesterday.toString()).source("INBOUND", "dashboard-test").reached("SAL").insert();
            data.clock(lead, "sdr", "sam", yesterday.toString(), Duration.ofHours(8), Duration.ofHours(1), "ACCEPTED",
                    3600L);
        }
        String rejected = data.lead(yesterday.toString()).source("INBOUND", "dashboard-test").reached("MQL").insert();
        data.clock(rejected, "sdr", "steve", yesterday.toString(), Duration.ofHours(8), Duration.ofHours(2), "REJECTED",
                7200L);
        data.rejection(rejected, "steve", "below_definition", yesterday.plusHours(2).toString(), null, null);
        for (String arbitration : new String[] { "UPHELD", "OVERTURNED" }) {
            String disputed = data.lead(yesterday.toString()).source("INBOUND", "dashboard-test").reached("MQL")
                    .insert();
            data.rejection(disputed, "sam", "below_definition", yesterday.plusHours(3).toString(), "DISPUTED",
                    arbitration);
        }
        data.contentRequest("sam", "deck", yesterday.minusDays(3).toString(), Duration.ofDays(2), 1, null);
    }

    /** The lead's failed row as the API lists it to admins, or null. */
    private JsonNode failed(String leadId) {
        for (JsonNode item : Api.as(port, "admin").get("/api/outbox/failed").json().path("items")) {
            if (leadId.equals(item.path("leadId").asText())) {
                return item;
            }
        }
        return null;
    }

    /** The event types test-crm accepted about the lead, in arrival order. */
    private List<String> accepted(String leadId) {
        return receiver.requests().stream().filter(r -> r.path().equals("/crm") && r.answered() == 200)
                .map(r -> json(r.body())).filter(body -> leadId.equals(body.path("lead").path("id").asText()))
                .map(body -> body.path("type").asText()).toList();
    }

    private double metric(String name, String tags) {
        Api.Response response = Api.as(port, "admin").get("/actuator/metrics/" + name + "?"
                + tags.replaceFirst("&", ""));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("measurements").get(0).path("value").asDouble();
    }

    private static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the background delivery, bounded; what is asserted is what arrived, never how fast. */
    private static void awaitCondition(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("still waiting for " + what).isTrue();
            Thread.sleep(100);
        }
    }

    @SuppressWarnings("unchecked")
    private java.util.List<String> labels(String canvas) {
        return (java.util.List<String>) js("return Chart.getChart(arguments[0]).data.labels;", canvas);
    }

    private double sum(String canvas, int dataset) {
        Object value = js("return Chart.getChart(arguments[0]).data.datasets[arguments[1]].data"
                + ".reduce((a, b) => a + (b || 0), 0);", canvas, dataset);
        return ((Number) value).doubleValue();
    }

    private long points(String canvas, int dataset) {
        Object value = js("return Chart.getChart(arguments[0]).data.datasets[arguments[1]].data"
                + ".filter(v => v != null).length;", canvas, dataset);
        return ((Number) value).longValue();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, args);
    }
}
