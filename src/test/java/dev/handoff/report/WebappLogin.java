package dev.handoff.report;

import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.handoff.support.Browser;

/** Signs a demo user in on a Camunda webapp's login form (password = user id); the session also opens Handoff's pages. */
final class WebappLogin {

    private static final By USERNAME = By.cssSelector("form[name='signinForm'] input[ng-model='username']");
    private static final By PASSWORD = By.cssSelector("form[name='signinForm'] input[ng-model='password']");
    private static final By LOG_IN = By.cssSelector("form[name='signinForm'] button[type='submit']");

    static void logIn(Browser browser, String url, String user) {
        browser.open(url);
        signIn(browser, user);
    }

    /** Fills the login form the browser shows now. */
    static void signIn(Browser browser, String user) {
        browser.await(ExpectedConditions.elementToBeClickable(USERNAME)).sendKeys(user);
        browser.driver().findElement(PASSWORD).sendKeys(user);
        browser.driver().findElement(LOG_IN).click();
        browser.await(ExpectedConditions.invisibilityOfElementLocated(USERNAME));
    }

    private WebappLogin() {
    }
}
