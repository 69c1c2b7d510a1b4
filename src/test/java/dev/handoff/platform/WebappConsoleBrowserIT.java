package dev.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.handoff.support.Browser;
import dev.handoff.support.IntegrationTest;

/**
 * Camunda's apps and Handoff's dashboard load without failed requests in the browser's console: no first-login
 * box asking for /camunda-welcome, a favicon, and a password policy for the password widgets.
 */
@IntegrationTest
class WebappConsoleBrowserIT {

    private static final By USERNAME = By.cssSelector("form[name='signinForm'] input[ng-model='username']");
    private static final By PASSWORD = By.cssSelector("form[name='signinForm'] input[ng-model='password']");
    private static final By LOG_IN = By.cssSelector("form[name='signinForm'] button[type='submit']");

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Test
    void camundasAppsAndTheDashboardLoadWithoutFailedRequests() throws InterruptedException {
        String base = "http://localhost:" + port;
        browser.open(base + "/camunda/app/welcome/default/");
        browser.await(ExpectedConditions.elementToBeClickable(USERNAME)).sendKeys("admin");
        browser.driver().findElement(PASSWORD).sendKeys("admin");
        browser.driver().findElement(LOG_IN).click();
        browser.await(ExpectedConditions.invisibilityOfElementLocated(USERNAME));
        // Before the login only Camunda's own "who is signed in?" may fail: it answers 404 for nobody.
        List<String> failures = new ArrayList<>(browser.consoleErrors().stream()
                .filter(error -> !error.contains("/camunda/api/admin/auth/user/default")).toList());
        for (String page : List.of("/camunda/app/admin/default/", "/camunda/app/welcome/default/#!/welcome",
                "/camunda/app/tasklist/default/", "/camunda/app/cockpit/default/",
                "/camunda/app/welcome/default/#!/account", "/dashboard/")) {
            browser.open(base + page);
            browser.await(driver -> ((org.openqa.selenium.JavascriptExecutor) driver)
                    .executeScript("return document.readyState").equals("complete"));
            // The apps load their data after the page: give their requests a moment to fail.
            Thread.sleep(1500);
            browser.consoleErrors().forEach(error -> failures.add(page + ": " + error));
        }
        assertThat(failures).isEmpty();
    }
}
