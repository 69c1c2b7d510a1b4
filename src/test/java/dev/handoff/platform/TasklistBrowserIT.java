package dev.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.handoff.support.Browser;
import dev.handoff.support.IntegrationTest;

/** A person logs in to Tasklist and sees the filters of their role on the left. */
@IntegrationTest
class TasklistBrowserIT {

    private static final By USERNAME = By.cssSelector("form[name='signinForm'] input[ng-model='username']");
    private static final By PASSWORD = By.cssSelector("form[name='signinForm'] input[ng-model='password']");
    private static final By LOG_IN = By.cssSelector("form[name='signinForm'] button[type='submit']");
    private static final By FILTERS = By.cssSelector(".task-filters .task-filter h4.name a");
    private static final By LOGIN_FAILED = By.cssSelector(".page-notifications .alert-danger");
    private static final List<String> COMMON = List.of("My tasks", "My group's tasks", "Due soon / overdue");

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identityService;

    @Test
    void anSdrSeesTheSdrQueue() {
        logIn("sam", "sam");
        // Tasklist orders filters by priority: the SLA-bound ones first.
        assertThat(filterNames()).containsExactly("My leads to accept", "Overdue", COMMON.get(0), COMMON.get(1),
                COMMON.get(2), "SDR queue");
    }

    @Test
    void marketingOpsSeesItsOwnQueue() {
        logIn("mona", "mona");
        assertThat(filterNames()).containsExactly("Rejected leads to review", COMMON.get(0), COMMON.get(1),
                COMMON.get(2), "Marketing ops queue");
    }

    @Test
    void aWrongPasswordShowsAnError() {
        // A fresh user: the engine throttles logins after a failure, which must not slow down other tests.
        String id = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        User user = identityService.newUser(id);
        user.setPassword("Right-passw0rd");
        identityService.saveUser(user);
        try {
            logIn(id, "wrong-password");
            WebElement error = browser.await(ExpectedConditions.visibilityOfElementLocated(LOGIN_FAILED));
            assertThat(error.getText()).contains("Login Failed");
            assertThat(browser.driver().findElements(FILTERS)).isEmpty();
            assertThat(browser.driver().findElement(USERNAME).isDisplayed()).isTrue();
        } finally {
            identityService.deleteUser(id);
        }
    }

    private void logIn(String user, String password) {
        browser.open("http://localhost:" + port + "/camunda/app/tasklist/");
        browser.await(ExpectedConditions.elementToBeClickable(USERNAME)).sendKeys(user);
        browser.driver().findElement(PASSWORD).sendKeys(password);
        browser.driver().findElement(LOG_IN).click();
    }

    /** The names in the filter column, once Tasklist has loaded them (without the focused filter's counter). */
    @SuppressWarnings("unchecked")
    private List<String> filterNames() {
        browser.await(ExpectedConditions.visibilityOfElementLocated(FILTERS));
        return (List<String>) ((JavascriptExecutor) browser.driver()).executeScript(
                "return Array.from(document.querySelectorAll(arguments[0]))"
                        + ".map(a => a.childNodes[0].textContent.trim());",
                ".task-filters .task-filter h4.name a");
    }
}
