package dev.handoff.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.support.Api;
import dev.handoff.support.Browser;
import dev.handoff.support.IntegrationTest;

/**
 * The bottleneck report over the engine's history, and the Cockpit plugin that shows it as a tab and as
 * overlays on the diagram. Review tasks of March 2019: three done (after 1 h, 3 h and 49 h, the last one past
 * its due date), one still waiting past its due date.
 */
@IntegrationTest
class CockpitBottlenecksBrowserIT {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Cockpit loads slowly while the machine is busy. */
    @RegisterExtension
    final Browser browser = new Browser(java.time.Duration.ofSeconds(90));

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    RepositoryService repositoryService;

    private static boolean reviewsDone;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theReportGivesWaitingCountsDurationsAndLateTasksPerActivity() {
        reviews();
        JsonNode report = Api.as(port, "sally").get("/api/reports/bottlenecks?processDefinitionId=" + definitionId()
                + "&from=2019-03-01&to=2019-03-31").json();
        JsonNode review = activity(report, "Task_WeeklyReview");
        assertThat(review.path("type").asText()).isEqualTo("userTask");
        assertThat(review.path("completed").asLong()).isEqualTo(3);
        assertThat(review.path("medianSeconds").asLong()).isEqualTo(10_800);
        assertThat(review.path("p90Seconds").asLong()).isEqualTo(143_280);
        assertThat(review.path("waiting").asLong()).isGreaterThanOrEqualTo(1);
        // One finished after its due date, one still waits past it.
        assertThat(review.path("breaches").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(activity(report, "Task_GatherFigures").path("completed").asLong()).isGreaterThanOrEqualTo(4);
        // Badges go where people or timers hold the process, not on steps that pass in no time.
        assertThat(review.path("waitState").asBoolean()).isTrue();
        assertThat(activity(report, "Task_GatherFigures").path("waitState").asBoolean()).isFalse();
        assertThat(activity(report, "Gateway_Cadence").path("type").asText()).isEqualTo("exclusiveGateway");
        assertThat(activity(report, "Gateway_Cadence").path("waitState").asBoolean()).isFalse();

        JsonNode empty = Api.as(port, "sally").get("/api/reports/bottlenecks?processDefinitionKey=alignment-review"
                + "&from=2018-01-01&to=2018-01-31").json();
        assertThat(activity(empty, "Task_WeeklyReview").path("completed").asLong()).isZero();
        assertThat(activity(empty, "Task_WeeklyReview").has("medianSeconds")).isFalse();
        assertThat(Api.as(port, "sally").get("/api/reports/bottlenecks?processDefinitionKey=no-such-process").status())
                .isEqualTo(404);
    }

    @Test
    void cockpitShowsTheBottleneckTabAndDiagramOverlays() {
        reviews();
        WebappLogin.logIn(browser, "http://localhost:" + port + "/camunda/app/cockpit/default/#/process-definition/"
                + definitionId() + "/runtime", "sally");

        WebElement tab = browser.await(
                ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space()='Bottlenecks']")));
        tab.click();
        WebElement row = browser.await(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("table.handoff-bottlenecks tr[data-activity-id='Task_WeeklyReview']")));
        List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        assertThat(cells.get(0)).isEqualTo("Weekly pipeline review");
        assertThat(Long.parseLong(cells.get(2))).isGreaterThanOrEqualTo(1);
        WebElement badge = browser.await(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-container-id='Task_WeeklyReview'] .handoff-bottleneck-badge")));
        assertThat(badge.getText()).contains("late");
        assertThat(browser.driver().findElements(By.cssSelector("[data-container-id='Task_GatherFigures'] "
                + ".handoff-bottleneck-badge, [data-container-id='Gateway_Cadence'] .handoff-bottleneck-badge")))
                .isEmpty();
        assertThat(coveredNames()).isEmpty();
    }

    /**
     * The lead lifecycle, with leads waiting to be accepted, in nurture and in enrichment: on lead-lifecycle's
     * diagram a badge on each stage they wait in; in each stage's own diagram badges on the user tasks and the
     * event-based gateway, none on service tasks or exclusive gateways; none over a name. Each diagram as Cockpit
     * draws it is kept in target/screenshots/.
     */
    @Test
    void leadBadgesSitOnTheStagesAndBesideTheShapesWherePeopleOrTimersWait() {
        Api intake = Api.as(port, "intake");
        Map<String, Object> mql = lead("VP Sales", 500, "Software");
        Map<String, Object> nurture = lead("Student", 5, "Education");
        Map<String, Object> enrichment = lead("VP Sales", 500, "Software");
        enrichment.remove("jobTitle");
        nurture.put("engagements", List.of(Map.of("type", "email_click", "occurredAt",
                dev.handoff.platform.EngineClock.now().minusHours(1).toString())));
        for (Map<String, Object> lead : List.of(mql, nurture, enrichment)) {
            assertThat(intake.post("/api/leads", lead).status()).isEqualTo(201);
        }
        WebappLogin.logIn(browser, "http://localhost:" + port + "/camunda/app/cockpit/default/", "sally");
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(2600, 1100));

        diagram("lead-lifecycle", List.of("CallActivity_QualifyLead", "CallActivity_SalesAcceptance",
                "CallActivity_Nurture"), List.of("Task_RegisterLead", "Gateway_LeadIsNew", "Task_RouteLead"));
        diagram("lead-sales-acceptance", List.of("Task_AcceptLead"), List.of("Gateway_RepFound"));
        diagram("lead-nurture", List.of("Gateway_AwaitEngagement"), List.of());
        diagram("lead-qualification", List.of("Task_CompleteLeadData"),
                List.of("Task_ScoreLead", "Task_ApplyMqlDefinition", "Gateway_LeadIsMql"));
        diagram("lead-follow-up", List.of(), List.of());
        diagram("lead-opportunity", List.of(), List.of());
    }

    /** Opens the latest version of {@code key} in Cockpit and checks where its badges are. */
    private void diagram(String key, List<String> badged, List<String> unbadged) {
        String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key)
                .latestVersion().singleResult().getId();
        browser.open("http://localhost:" + port + "/camunda/app/cockpit/default/#/process-definition/" + definition
                + "/runtime");
        browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-element-id='" + key + "']")));
        for (String id : badged) {
            browser.await(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("[data-container-id='" + id + "'] .handoff-bottleneck-badge")));
        }
        for (String passing : unbadged) {
            assertThat(browser.driver().findElements(
                    By.cssSelector("[data-container-id='" + passing + "'] .handoff-bottleneck-badge")))
                    .as(key + " " + passing).isEmpty();
        }
        assertThat(coveredNames()).as(key).isEmpty();
        browser.screenshot("Cockpit." + key);
    }

    private static Map<String, Object> lead(String jobTitle, int companySize, String industry) {
        Map<String, Object> lead = new java.util.HashMap<>(Map.of("firstName", "Bea", "lastName", "Badge",
                "email", "bea-" + java.util.UUID.randomUUID() + "@acme.example", "phone", "+49 30 1234",
                "jobTitle", jobTitle, "company", "Acme", "companySize", companySize, "industry", industry,
                "country", "DE", "source", "inbound"));
        lead.put("engagements", List.of(Map.of("type", "demo_request", "occurredAt",
                dev.handoff.platform.EngineClock.now().minusHours(1).toString())));
        return lead;
    }

    /** Which badge covers which name (the text of a task, event, gateway or flow) or another badge on screen. */
    @SuppressWarnings("unchecked")
    private List<String> coveredNames() {
        return (List<String>) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("""
                const box = e => e.getBoundingClientRect();
                const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
                const badges = [...document.querySelectorAll('.handoff-bottleneck-badge')];
                const names = [...document.querySelectorAll('.djs-element text')].filter(t => t.textContent.trim());
                const covered = [];
                badges.forEach((badge, i) => {
                  const id = badge.closest('[data-container-id]').dataset.containerId;
                  names.filter(t => hit(box(badge), box(t)))
                    .forEach(t => covered.push(id + ' covers "' + t.textContent + '"'));
                  badges.slice(i + 1).filter(other => hit(box(badge), box(other)))
                    .forEach(other => covered.push(id + ' covers a badge'));
                });
                return covered;
                """);
    }

    /** Four weekly reviews started on Monday 2019-03-04 at 09:00, due Tuesday 18:00. */
    private synchronized void reviews() {
        if (reviewsDone) {
            return;
        }
        ClockUtil.setCurrentTime(at("2019-03-04T09:00"));
        List<ProcessInstance> reviews = List.of(start(), start(), start(), start());
        complete(reviews.get(0), "2019-03-04T10:00");
        complete(reviews.get(1), "2019-03-04T12:00");
        complete(reviews.get(3), "2019-03-06T10:00");
        ClockUtil.reset();
        reviewsDone = true;
    }

    private ProcessInstance start() {
        return runtimeService.startProcessInstanceByKey("alignment-review", Map.of("cadence", "weekly"));
    }

    private void complete(ProcessInstance review, String berlinTime) {
        ClockUtil.setCurrentTime(at(berlinTime));
        String task = taskService.createTaskQuery().processInstanceId(review.getId()).singleResult().getId();
        taskService.complete(task, Map.of("notes", "Reviewed", "followUp", "none"));
    }

    private String definitionId() {
        return repositoryService.createProcessDefinitionQuery().processDefinitionKey("alignment-review").latestVersion()
                .singleResult().getId();
    }

    private static JsonNode activity(JsonNode report, String id) {
        for (JsonNode a : report.path("activities")) {
            if (a.path("activityId").asText().equals(id)) {
                return a;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static Date at(String berlinLocal) {
        return Date.from(LocalDateTime.parse(berlinLocal).atZone(BERLIN).toInstant());
    }
}
