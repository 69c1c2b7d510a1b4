package dev.handoff.resilience;

import static dev.handoff.resilience.Resilience.START_UP;
import static dev.handoff.resilience.Resilience.log;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.handoff.support.Browser;
import dev.handoff.support.HandoffNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A person in Tasklist while the database is down reads why, instead of a server error page, and works on once
 * it is back without signing in again (the page reloads itself).
 */
class WebappsDuringOutageBrowserIT {

    private static final By USERNAME = By.cssSelector("form[name='signinForm'] input[ng-model='username']");
    private static final By PASSWORD = By.cssSelector("form[name='signinForm'] input[ng-model='password']");
    private static final By LOG_IN = By.cssSelector("form[name='signinForm'] button[type='submit']");
    private static final By FILTERS = By.cssSelector(".task-filters .task-filter h4.name a");

    @RegisterExtension
    final Browser browser = new Browser(Duration.ofSeconds(60));

    @Test
    void tasklistSaysTheDatabaseIsUnreachable(@TempDir Path work) throws Exception {
        int port = HandoffNode.freePort();
        EmbeddedPostgres postgres = Resilience.postgres(work.resolve("pg"), port);
        try (HandoffNode node = Resilience.node("webapps-outage", work.resolve("node"), Resilience.url(postgres))) {
            node.start().awaitUp(START_UP);
            String tasklist = "http://localhost:" + node.port() + "/camunda/app/tasklist/default/";
            browser.open(tasklist);
            browser.await(ExpectedConditions.elementToBeClickable(USERNAME)).sendKeys("sam");
            browser.driver().findElement(PASSWORD).sendKeys("sam");
            browser.driver().findElement(LOG_IN).click();
            browser.await(ExpectedConditions.visibilityOfElementLocated(FILTERS));

            postgres.close();
            browser.driver().navigate().refresh();
            String shown = browser.await(d -> {
                String text = d.findElement(By.tagName("body")).getText();
                return text.contains("database") ? text : null;
            });
            browser.screenshot("tasklist-database-unreachable");
            log.info("Tasklist reloaded while the database is stopped shows: {}", shown.replace('\n', ' '));
            assertThat(shown).contains("Handoff cannot reach its database").doesNotContain("Whitelabel");

            // The page reloads itself: once the database is back, Tasklist is there again, still signed in.
            postgres = Resilience.postgres(work.resolve("pg"), port);
            browser.await(ExpectedConditions.visibilityOfElementLocated(FILTERS));
            assertThat(browser.driver().findElements(FILTERS)).isNotEmpty();
        } finally {
            postgres.close();
        }
    }
}
