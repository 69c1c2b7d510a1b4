package dev.handoff.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.platform.EngineClock;
import dev.handoff.support.Api;
import dev.handoff.support.Browser;
import dev.handoff.support.IntegrationTest;

/** A rep starts a content request from Tasklist's start form; the content marketer finds it in Tasklist. */
@IntegrationTest
class ContentTasklistIT {

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    WebDriver driver;
    WebDriverWait wait;

    @BeforeEach
    void browser() {
        driver = browser.driver();
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    @Test
    void aRepStartsARequestFromTheStartFormAndContentMarketingSeesIt() {
        String title = "Battlecard vs. competitor X " + UUID.randomUUID().toString().substring(0, 6);
        LocalDate neededBy = EngineClock.now().toLocalDate().plusDays(21);

        browser.signInToTasklist(port, "sam");
        click(By.cssSelector(".start-process-action a"));
        click(By.xpath("//div[contains(@class,'modal')]//a[normalize-space()='Content request']"));
        field("Field_Title").sendKeys(title);
        click(By.cssSelector("[id$='Field_Type-display']"));
        click(By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and normalize-space()='Battlecard']"));
        field("Field_Need").sendKeys("Prospects say competitor X is cheaper");
        click(By.cssSelector("[id$='Field_Persona-display']"));
        click(By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and normalize-space()='IT leader']"));
        WebElement date = field("Field_NeededBy-date");
        date.sendKeys(neededBy.format(DateTimeFormatter.ofPattern("MM/dd/yyyy")));
        date.sendKeys(Keys.ENTER);
        click(By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space()='Start']"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-dialog")));

        JsonNode tasks = Api.as(port, "cora")
                .get("/engine-rest/task?processDefinitionKey=content-request&taskDefinitionKey=Task_TriageRequest")
                .json();
        JsonNode triage = null;
        for (JsonNode task : tasks) {
            JsonNode variables = Api.as(port, "cora").get("/engine-rest/task/" + task.path("id").asText()
                    + "/variables/title").json();
            if (title.equals(variables.path("value").asText())) {
                triage = task;
            }
        }
        assertThat(triage).as("cora's triage task for " + title).isNotNull();
        assertThat(triage.path("due").asText()).isNotEmpty();

        // cora sees it in her Tasklist, in the content queue.
        driver.manage().deleteAllCookies();
        browser.signInToTasklist(port, "cora");
        click(By.xpath("//*[contains(@class,'task-filter')]//h4//a[contains(normalize-space(),'Content queue')]"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Triage request"));
        // Opening the task shows the triage form with sam's request.
        driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + triage.path("id").asText());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), title));
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("Requested by: sam")
                .contains("Prospects say competitor X is cheaper").contains("Accept with an agreed due date");
    }


    private WebElement field(String componentId) {
        return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[id$='" + componentId + "']")));
    }

    private void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }
}
