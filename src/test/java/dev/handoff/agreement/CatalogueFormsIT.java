package dev.handoff.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.platform.EngineClock;
import dev.handoff.support.Api;
import dev.handoff.support.Browser;
import dev.handoff.support.IntegrationTest;

/**
 * A catalogue signed by both sides reaches the start forms Tasklist shows: sally proposes a fifth persona, mark
 * signs it, and from its effective day sam picks that persona in the content request's start form, and the
 * proposal form says which agreement is in force and what it holds. Nothing is redeployed while nothing changed.
 */
@IntegrationTest
class CatalogueFormsIT {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ManagementService managementService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    Agreements agreements;
    @Autowired
    AgreementForms forms;

    @AfterEach
    void tearDown() {
        AgreementOne.restore(jdbc, runtimeService, agreements, forms);
    }

    @Test
    void aSignedPersonaIsOfferedByTheContentRequestForm() {
        forms.show(agreements.inForce());
        long formDeployments = formDeployments();
        assertThat(forms.show(agreements.inForce())).as("agreement 1 is shown already").isEmpty();
        assertThat(personaOptions()).extracting(o -> o.path("value").asText())
                .containsExactly("finance-leader", "sales-leader", "it-leader", "founder-ceo");
        assertThat(formDeployments()).isEqualTo(formDeployments);

        ClockUtil.setCurrentTime(Date.from(LocalDateTime.parse("2031-05-14T10:00").atZone(BERLIN).toInstant()));
        List<Object> personas = new ArrayList<>();
        for (JsonNode persona : Api.as(port, "sally").get("/api/agreements/current").json().path("catalogue")
                .path("personas")) {
            personas.add(Map.of("key", persona.path("key").asText(), "name", persona.path("name").asText(),
                    "titles", List.of(persona.path("titles").get(0).asText())));
        }
        personas.add(Map.of("key", "ops-leader", "name", "Operations leader", "titles", List.of("COO"),
                "pains", "Handoffs {{between}} teams get lost", "whatToSay", "Show the *agreement* both sign"));
        Api.Response proposed = Api.as(port, "sally").post("/api/agreements/proposals",
                Map.of("personas", personas, "summary", "Operations leaders buy too"));
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        int number = proposed.json().path("agreement").path("number").asInt();
        String process = proposed.json().path("processInstanceId").asText();
        // Proposed is not in force: the forms still offer agreement 1's personas.
        assertThat(forms.show(agreements.inForce())).isEmpty();

        Api mark = Api.as(port, "mark");
        String review = mark.get("/engine-rest/task?processInstanceId=" + process).json().get(0).path("id").asText();
        assertThat(mark.post("/engine-rest/task/" + review + "/claim", Map.of("userId", "mark")).status())
                .isEqualTo(204);
        Api.Response signed = mark.post("/engine-rest/task/" + review + "/submit-form",
                Api.variables(Map.of("reviewDecision", "accept", "effectiveFrom", "2031-05-19")));
        assertThat(signed.status()).as(signed.body()).isEqualTo(204);
        assertThat(personaOptions()).hasSize(4);

        ClockUtil.setCurrentTime(Date.from(LocalDateTime.parse("2031-05-19T00:01").atZone(BERLIN).toInstant()));
        Job timer = managementService.createJobQuery().processInstanceId(process).timers().singleResult();
        managementService.executeJob(timer.getId());
        ClockUtil.reset();
        assertThat(agreements.inForce().number()).isEqualTo(number);
        assertThat(formDeployments()).isEqualTo(formDeployments + 1);
        assertThat(personaOptions()).extracting(o -> o.path("label").asText() + "=" + o.path("value").asText())
                .containsExactly("Finance leader=finance-leader", "Sales leader=sales-leader",
                        "IT leader=it-leader", "Founder or CEO=founder-ceo", "Operations leader=ops-leader");
        // A restart (or a second node) finds the forms showing the agreement: nothing to deploy.
        assertThat(forms.show(agreements.inForce())).isEmpty();
        assertThat(formDeployments()).isEqualTo(formDeployments + 1);

        // sam picks the new persona in Tasklist's start form; cora's triage task carries it.
        WebDriver driver = browser.driver();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        String title = "One-pager for operations " + UUID.randomUUID().toString().substring(0, 6);
        browser.signInToTasklist(port, "sam");
        click(wait, By.cssSelector(".start-process-action a"));
        click(wait, By.xpath("//div[contains(@class,'modal')]//a[normalize-space()='Content request']"));
        field(wait, "Field_Title").sendKeys(title);
        click(wait, By.cssSelector("[id$='Field_Type-display']"));
        click(wait, By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and normalize-space()='One-pager']"));
        field(wait, "Field_Need").sendKeys("Operations asks what changes for them");
        click(wait, By.cssSelector("[id$='Field_Persona-display']"));
        click(wait, By.xpath("//*[contains(@class,'fjs-dropdownlist-item') "
                + "and normalize-space()='Operations leader']"));
        WebElement date = field(wait, "Field_NeededBy-date");
        LocalDate neededBy = EngineClock.now().toLocalDate().plusDays(21);
        date.sendKeys(neededBy.format(DateTimeFormatter.ofPattern("MM/dd/yyyy")));
        date.sendKeys(Keys.ENTER);
        click(wait, By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space()='Start']"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-dialog")));
        assertThat(requestedPersona(title)).isEqualTo("ops-leader");

        // mona opens the proposal form: it says what is in force, the new persona and its pains written as typed.
        driver.manage().deleteAllCookies();
        browser.signInToTasklist(port, "mona");
        click(wait, By.cssSelector(".start-process-action a"));
        click(wait, By.xpath("//div[contains(@class,'modal')]//a[normalize-space()='Agreement change']"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Operations leader"));
        assertThat(driver.findElement(By.tagName("body")).getText())
                .contains("In force now: agreement " + number, "signed by mark for marketing and sally for sales")
                .contains("ops-leader | Operations leader | COO | Handoffs {{between}} teams get lost | "
                        + "Show the *agreement* both sign")
                .contains("mql-definition v" + agreements.inForce().decisions().mqlDefinition());
    }

    private JsonNode personaOptions() {
        JsonNode form = Api.as(port, "sam")
                .get("/engine-rest/process-definition/key/content-request/deployed-start-form").json();
        for (JsonNode component : form.path("components")) {
            if ("persona".equals(component.path("key").asText())) {
                return component.path("values");
            }
        }
        throw new AssertionError("no persona select in " + form);
    }

    private long formDeployments() {
        return repositoryService.createDeploymentQuery().deploymentName(AgreementForms.DEPLOYMENT_NAME).count();
    }

    private String requestedPersona(String title) {
        Api cora = Api.as(port, "cora");
        for (JsonNode task : cora.get("/engine-rest/task?processDefinitionKey=content-request"
                + "&taskDefinitionKey=Task_TriageRequest").json()) {
            String id = task.path("id").asText();
            if (title.equals(cora.get("/engine-rest/task/" + id + "/variables/title").json().path("value").asText())) {
                return cora.get("/engine-rest/task/" + id + "/variables/persona").json().path("value").asText();
            }
        }
        throw new AssertionError("no triage task for " + title);
    }


    private static WebElement field(WebDriverWait wait, String componentId) {
        return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[id$='" + componentId + "']")));
    }

    private static void click(WebDriverWait wait, By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

}
