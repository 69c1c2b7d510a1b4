package dev.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.handoff.support.Browser;
import dev.handoff.support.IntegrationTest;

/** Swagger UI shows Handoff's API with its title and the basic-auth Authorize button, from Handoff alone. */
@IntegrationTest
class SwaggerUiBrowserIT {

    @RegisterExtension
    final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Test
    void showsTheTitleAndOffersBasicAuthentication() {
        String base = "http://localhost:" + port;
        browser.open(base + "/swagger-ui.html");

        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".info .title"),
                "Handoff API"));
        assertThat(browser.driver().findElement(By.cssSelector(".info .title .version")).getText()).isNotBlank();
        assertThat(browser.driver().findElements(By.cssSelector(".opblock-tag"))).extracting(e -> e.getText())
                .anySatisfy(tag -> assertThat(tag).startsWith("Leads"));

        browser.await(ExpectedConditions.elementToBeClickable(By.cssSelector("button.authorize"))).click();
        String dialog = browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-ux")))
                .getText();
        assertThat(dialog).contains("basicAuth").contains("Basic");
        browser.driver().findElement(By.cssSelector(".modal-ux .close-modal")).click();
        browser.await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal-ux")));

        // Everything the page loaded came from Handoff itself (springdoc's webjar): no network needed.
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) ((JavascriptExecutor) browser.driver()).executeScript(
                "return performance.getEntriesByType('resource').map(r => r.name);");
        assertThat(loaded).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(base + "/"));
    }
}
