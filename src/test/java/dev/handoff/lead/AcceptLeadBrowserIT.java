package dev.handoff.lead;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.support.Api;
import dev.handoff.support.Browser;
import dev.handoff.support.IntegrationTest;

/** An SDR accepts an MQL in Tasklist with the Camunda Form, as a rep does every day. */
@IntegrationTest
class AcceptLeadBrowserIT {

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Test
    void anSdrAcceptsALeadInTasklistAndItsStageMovesToSal() {
        JsonNode created = Api.as(port, "intake").post("/api/leads", LeadApiIT.vp(null)).json();
        String leadId = created.path("id").asText();
        String rep = created.path("owner").asText();
        String number = created.path("number").asText();
        JsonNode task = Api.as(port, rep).get("/engine-rest/task?processInstanceBusinessKey=" + number).json().get(0);

        signIn(rep);
        browser.open("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + task.path("id").asText());
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Accept or reject this lead"));
        assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("Vera Vice", "Acme", number);
        browser.await(ExpectedConditions.elementToBeClickable(
                By.xpath("//label[contains(normalize-space(),'Accept: I will work this lead')]"))).click();
        browser.await(ExpectedConditions.elementToBeClickable(
                By.xpath("//button[normalize-space()='Complete']"))).click();

        browser.await(driver -> "SAL".equals(Api.as(port, "sally").get("/api/leads/" + leadId).json()
                .path("stage").asText()));
        JsonNode lead = Api.as(port, "sally").get("/api/leads/" + leadId).json();
        assertThat(lead.path("stage").asText()).isEqualTo("SAL");
        assertThat(lead.path("stageReason").asText()).isEqualTo("accepted by " + rep);
    }

    private void signIn(String user) {
        browser.open("http://localhost:" + port + "/camunda/app/tasklist/default/");
        WebElement name = browser.await(ExpectedConditions.elementToBeClickable(
                By.cssSelector("form[name='signinForm'] input[ng-model='username']")));
        name.sendKeys(user);
        browser.driver().findElement(By.cssSelector("form[name='signinForm'] input[ng-model='password']"))
                .sendKeys(user);
        browser.driver().findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
        browser.await(ExpectedConditions.elementToBeClickable(By.cssSelector(".start-process-action a")));
    }
}
