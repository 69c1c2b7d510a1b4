package dev.handoff.resilience;

import static dev.handoff.resilience.Resilience.START_UP;
import static dev.handoff.resilience.Resilience.await;
import static dev.handoff.resilience.Resilience.log;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.handoff.support.Api;
import dev.handoff.support.Browser;
import dev.handoff.support.HandoffNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL stopped for a while under load and started again: meanwhile the API answers 503 problem details
 * with Retry-After (never a 500, never a hang), health and readiness say DOWN within their probe's timeout, and
 * a person in Tasklist reads why instead of a server error page; afterwards Handoff serves again without a
 * restart, with every acknowledged lead stored once, and Tasklist works on without signing in again (the page
 * reloads itself). (One outage for the API and the webapps: each node started costs the suite's time budget.)
 */
class DatabaseOutageIT {

    static final Duration OUTAGE = Duration.ofSeconds(15);
    static final Duration RECOVERY = Duration.ofSeconds(30);
    private static final By USERNAME = By.cssSelector("form[name='signinForm'] input[ng-model='username']");
    private static final By PASSWORD = By.cssSelector("form[name='signinForm'] input[ng-model='password']");
    private static final By LOG_IN = By.cssSelector("form[name='signinForm'] button[type='submit']");
    private static final By FILTERS = By.cssSelector(".task-filters .task-filter h4.name a");

    @RegisterExtension
    final Browser browser = Browser.optional(Duration.ofSeconds(60));

    @Test
    void anOutageAnswers503AndHandoffRecoversOnItsOwn(@TempDir Path work) throws Exception {
        int port = HandoffNode.freePort();
        Path data = work.resolve("pg");
        EmbeddedPostgres postgres = Resilience.postgres(data, port);
        String url = Resilience.url(postgres);
        try (HandoffNode node = Resilience.node("outage", work.resolve("node"), url)) {
            node.start().awaitUp(START_UP);
            if (browser.present()) {
                browser.open("http://localhost:" + node.port() + "/camunda/app/tasklist/default/");
                browser.await(ExpectedConditions.elementToBeClickable(USERNAME)).sendKeys("sam");
                browser.driver().findElement(PASSWORD).sendKeys("sam");
                browser.driver().findElement(LOG_IN).click();
                browser.await(ExpectedConditions.visibilityOfElementLocated(FILTERS));
            }
            Api webapps = Api.webappSession(node.port(), "sally");
            LeadLoad load = new LeadLoad("outage", 2, node::port);
            await(Duration.ofSeconds(120), "20 leads acknowledged", () -> load.acknowledged().size() >= 20);

            postgres.close();
            long stopped = System.nanoTime();
            List<Integer> health = new ArrayList<>();
            List<Integer> readiness = new ArrayList<>();
            List<Integer> liveness = new ArrayList<>();
            List<Api.Response> engine = new ArrayList<>();
            while (System.nanoTime() - stopped < OUTAGE.toNanos()) {
                health.add(node.health());
                readiness.add(node.status("/actuator/health/readiness"));
                liveness.add(node.status("/actuator/health/liveness"));
                HandoffNode.sleep(500);
            }
            for (int i = 0; i < 2; i++) {
                engine.add(node.as("sally").get("/engine-rest/task/count"));
                engine.add(webapps.get("/camunda/api/engine/engine/default/task/count"));
            }
            String tasklistShown = null;
            if (browser.present()) {
                browser.driver().navigate().refresh();
                tasklistShown = browser.await(d -> {
                    String text = d.findElement(By.tagName("body")).getText();
                    return text.contains("database") ? text : null;
                });
                browser.screenshot("tasklist-database-unreachable");
            }
            postgres = Resilience.postgres(data, port);
            long started = System.nanoTime();
            await(RECOVERY, "a lead acknowledged after the database came back", () -> load.answers().stream()
                    .anyMatch(a -> a.acknowledged() && a.atNanos() > started));
            long recovered = load.answers().stream().filter(a -> a.acknowledged() && a.atNanos() > started)
                    .mapToLong(LeadLoad.Answer::atNanos).min().orElseThrow();
            await(RECOVERY, "health UP again", () -> node.health() == 200);
            long healthy = System.nanoTime();
            if (browser.present()) {
                browser.await(ExpectedConditions.visibilityOfElementLocated(FILTERS));
            }
            HandoffNode.sleep(2_000);
            load.close();
            // The job executor works again: the leads' breach timers, made due now, fire.
            int due = Resilience.makeAcceptBreachesDue(url);
            long madeDue = System.nanoTime();
            await(Duration.ofSeconds(120), "breach timers fire after the outage",
                    () -> Resilience.leadsBreached(url) == due);
            long fired = System.nanoTime();

            List<LeadLoad.Answer> during = load.answers().stream()
                    .filter(a -> a.atNanos() > stopped && a.atNanos() < started).toList();
            Map<Integer, Long> statuses = load.answers().stream()
                    .collect(Collectors.groupingBy(LeadLoad.Answer::status, TreeMap::new, Collectors.counting()));
            List<String> acknowledged = LeadLedger.unique(load.acknowledged());
            LeadLedger ledger = LeadLedger.read(url, "postgres", "", acknowledged, "load-outage-%@resilience.example");
            Map<Integer, Long> duringByStatus = during.stream()
                    .collect(Collectors.groupingBy(LeadLoad.Answer::status, TreeMap::new, Collectors.counting()));
            log.info("Database stopped {} s under load: answers by status {}, during the outage {}; health {}, "
                    + "readiness {}, liveness {}; engine APIs {}; first lead acknowledged {} s after the database "
                    + "was back, health UP after {} s; {}; {} breach timers made due afterwards all fired within {} s",
                    OUTAGE.toSeconds(), statuses, duringByStatus, health, readiness, liveness,
                    engine.stream().map(Api.Response::status).toList(), Resilience.seconds(started, recovered),
                    Resilience.seconds(started, healthy), ledger.describe(acknowledged.size(),
                            load.sent().size() - load.acknowledged().size()), due, Resilience.seconds(madeDue, fired));

            assertThat(statuses.keySet()).as("statuses answered").isSubsetOf(200, 201, 503);
            assertThat(during).as("answers during the outage").isNotEmpty()
                    .allSatisfy(a -> {
                        assertThat(a.status()).isEqualTo(503);
                        assertThat(a.contentType()).startsWith("application/problem+json");
                        assertThat(a.retryAfter()).isEqualTo("5");
                        assertThat(a.body()).contains("cannot reach its database");
                    });
            // The engine's REST API and the webapps' engine API answer the same problem.
            assertThat(engine).as("engine APIs during the outage").hasSize(4).allSatisfy(r -> {
                assertThat(r.status()).as(r.toString()).isEqualTo(503);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.body()).contains("cannot reach its database");
            });
            // Each probe answered (within 5 s) and said DOWN, once the pool had noticed (the first may be UP).
            assertThat(health).as("health probes during the outage").hasSizeGreaterThanOrEqualTo(3);
            assertThat(health.subList(1, health.size())).as("health during the outage").containsOnly(503);
            assertThat(readiness.subList(1, readiness.size())).as("readiness during the outage").containsOnly(503);
            assertThat(liveness).as("liveness during the outage").containsOnly(200);
            assertThat(ledger.missing()).as("acknowledged leads missing").isZero();
            assertThat(ledger.duplicated()).as("leads stored twice").isZero();
            assertThat(ledger.orphaned()).as("orphans").isZero();
            assertThat(due).as("breach timers of the stored leads").isEqualTo(ledger.stored());
            assertThat(Resilience.leadsBreachedTwice(url)).as("leads breached twice").isZero();
            if (browser.present()) {
                log.info("Tasklist reloaded while the database was stopped showed: {}",
                        tasklistShown.replace('\n', ' '));
                assertThat(tasklistShown).contains("Handoff cannot reach its database").doesNotContain("Whitelabel");
                // Back: the page reloaded itself and shows sam's filters, still signed in.
                assertThat(browser.driver().findElements(FILTERS)).isNotEmpty();
                assertThat(browser.driver().findElement(By.tagName("body")).getText())
                        .doesNotContain("cannot reach its database");
            }
            browser.requireAtTheEnd();
        } finally {
            postgres.close();
        }
    }
}
