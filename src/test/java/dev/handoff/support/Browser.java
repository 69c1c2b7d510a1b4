package dev.handoff.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for one test, from Debian's {@code chromium} and {@code chromium-driver} packages and
 * nothing else: Selenium Manager never runs and nothing is downloaded. Where the packages are missing the
 * test is aborted, so it reports skipped with the install hint instead of passing. After every test, passed
 * or failed, a screenshot lands in {@code target/screenshots/<Class>.<method>[-<db>].png}.
 *
 * <pre>
 * &#64;RegisterExtension
 * final Browser browser = new Browser();
 * </pre>
 */
public final class Browser implements BeforeEachCallback, AfterEachCallback {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    public static final String MISSING = "browser tests need Debian's chromium and chromium-driver:"
            + " apt-get install chromium chromium-driver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static boolean hinted;

    private final Duration timeout;
    private final boolean optional;
    private WebDriver driver;
    private Path profile;

    public Browser() {
        this(Duration.ofSeconds(30));
    }

    public Browser(Duration timeout) {
        this(timeout, false);
    }

    private Browser(Duration timeout, boolean optional) {
        this.timeout = timeout;
        this.optional = optional;
    }

    /**
     * For a test whose browser part is one of its checks, not all of them: without a browser it runs the rest,
     * skips the browser's steps ({@link #present()} is false) and must end with {@link #requireAtTheEnd()}, so that
     * it reports skipped with the install hint instead of passing.
     */
    public static Browser optional(Duration timeout) {
        return new Browser(timeout, true);
    }

    /** Whether this test has a browser to drive. */
    public boolean present() {
        return driver != null;
    }

    /** Reports the test skipped, with the install hint, when its browser steps could not run. */
    public void requireAtTheEnd() {
        if (!present()) {
            Assumptions.abort("the browser steps were skipped, the rest passed: " + MISSING);
        }
    }

    /** Whether Debian's browser and driver are installed. */
    public static boolean available() {
        return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (!available()) {
            hintOnce();
            if (optional) {
                return;
            }
            Assumptions.abort(MISSING);
        }
        // Pin the driver so that Selenium never looks for (or downloads) one of its own.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER);
        // Selenium warns that it has no DevTools binding for Debian's newer Chromium; WebDriver needs none.
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        profile = Files.createTempDirectory("handoff-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        // What the page's console says, for tests that a page loads without errors.
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            deleteProfile();
            throw e;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (driver == null) {
            return;
        }
        try {
            screenshot(context);
        } finally {
            driver.quit();
            driver = null;
            deleteProfile();
        }
    }

    public WebDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("No browser: register Browser with @RegisterExtension");
        }
        return driver;
    }

    /** The console's errors since the last call (failed requests among them), as Chromium words them. */
    public java.util.List<String> consoleErrors() {
        return driver().manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(entry -> entry.getMessage()).toList();
    }

    public void open(String url) {
        driver().get(url);
    }

    /** Signs {@code user} (password as the demo's: the name) in to Tasklist and waits for its start button. */
    public void signInToTasklist(int port, String user) {
        open("http://localhost:" + port + "/camunda/app/tasklist/default/");
        await(ExpectedConditions.elementToBeClickable(
                By.cssSelector("form[name='signinForm'] input[ng-model='username']"))).sendKeys(user);
        driver().findElement(By.cssSelector("form[name='signinForm'] input[ng-model='password']")).sendKeys(user);
        driver().findElement(By.cssSelector("form[name='signinForm'] button[type='submit']")).click();
        await(ExpectedConditions.elementToBeClickable(By.cssSelector(".start-process-action a")));
    }

    /**
     * Waits (up to the browser's timeout) until the condition yields something other than null or false; when it
     * does not, the failure says what the page's console said meanwhile (a failed request, a script error).
     */
    public <T> T await(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver(), timeout).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new org.openqa.selenium.TimeoutException(e.getMessage() + "\nConsole errors: " + consoleErrors()
                    + "\nAt: " + driver().getCurrentUrl(), e);
        }
    }

    private static synchronized void hintOnce() {
        if (!hinted) {
            hinted = true;
            System.err.println("Skipping browser tests: " + MISSING);
        }
    }

    private void screenshot(ExtensionContext context) {
        screenshot(context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName());
    }

    /** A screenshot of the page as it is now, kept as {@code target/screenshots/<name>[-<db>].png}. */
    public void screenshot(String name) {
        String db = System.getProperty("handoff.test.db");
        name = name + (db == null ? "" : "-" + db) + ".png";
        try {
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.createDirectories(SCREENSHOTS);
            Files.move(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (RuntimeException | IOException e) {
            // A missing screenshot must not hide the test's own outcome.
            System.err.println("No screenshot " + name + ": " + e);
        }
    }

    private void deleteProfile() throws IOException {
        if (profile == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        profile = null;
    }
}
