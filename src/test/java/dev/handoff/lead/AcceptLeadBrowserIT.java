package dev.handoff.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

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
import dev.handoff.sla.BusinessTime;
import dev.handoff.support.IntegrationTest;

/** An SDR accepts an MQL in Tasklist with the Camunda Form, as a rep does every day. */
@IntegrationTest
class AcceptLeadBrowserIT {

    @RegisterExtension
    final Browser browser = new Browser();

    /** How the engine's REST API writes dates, e.g. {@code 2026-12-01T10:00:00.000+0000}. */
    static final DateTimeFormatter ENGINE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    @LocalServerPort
    int port;
    @Autowired
    BusinessTime businessTime;

    @Test
    void anSdrAcceptsALeadInTasklistAndItsStageMovesToSal() {
        JsonNode created = Api.as(port, "intake").post("/api/leads", LeadApiIT.vp(null)).json();
        String leadId = created.path("id").asText();
        String rep = created.path("owner").asText();
        String number = created.path("number").asText();
        JsonNode task = Api.as(port, rep).get("/engine-rest/task?processInstanceBusinessKey=" + number).json().get(0);

        browser.signInToTasklist(port, rep);
        browser.open("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + task.path("id").asText());
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Accept or reject this lead"));
        assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("Vera Vice", "Acme", number);
        // The deadline reads in the business-hours zone, named, as the rep's clock on the wall shows it.
        ZoneId zone = businessTime.hours().zone();
        String deadline = OffsetDateTime.parse(task.path("due").asText(), ENGINE_DATE).toInstant().atZone(zone)
                .format(DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm", Locale.ENGLISH))
                + " (" + zone.getId() + ")";
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "Decide before " + deadline + ": that is the agreed SLA."));
        browser.screenshot("AcceptLeadBrowserIT.theAcceptFormShowsItsDeadlineInTheBusinessHoursZone");
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

}
