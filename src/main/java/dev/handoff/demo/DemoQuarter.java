package dev.handoff.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.handoff.agreement.Agreements;
import dev.handoff.report.Targets;
import dev.handoff.routing.Rep;
import dev.handoff.routing.Reps;
import dev.handoff.sla.BusinessTime;

/**
 * On an empty database, fills Handoff's tables and the engine with a past quarter (the 90 days before now) so
 * that Tasklist, Cockpit, the reports, the dashboard and the quarter diagnosis have something to show on first
 * start, with the weekly and monthly reviews that quarter would have had. Off with
 * {@code handoff.demo.seed-quarter=false}, as in the postgres profile and the tests.
 * <p>
 * Handoff's tables are filled before the application reports ready (a few seconds); the engine's share, some
 * 2,400 waiting process instances, takes longer and runs in the background, so Tasklist and Cockpit fill up
 * during the first minute.
 */
@Component
@ConditionalOnProperty(name = "handoff.demo.seed-quarter", havingValue = "true")
class DemoQuarter implements ApplicationRunner {

    static final int LEADS = 3_000;
    static final int CONTENT_REQUESTS = 140;
    static final Duration PERIOD = Duration.ofDays(90);
    private static final Logger log = LoggerFactory.getLogger(DemoQuarter.class);

    private final JdbcTemplate jdbc;
    private final BusinessTime businessTime;
    private final TransactionTemplate transaction;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final RepositoryService repository;
    private final DemoProcesses processes;
    private final Targets targets;
    private final Reps reps;
    private final Agreements agreements;

    DemoQuarter(JdbcTemplate jdbc, BusinessTime businessTime, TransactionTemplate transaction, RuntimeService runtime,
            ManagementService management, RepositoryService repository, DemoProcesses processes, Targets targets,
            Reps reps, Agreements agreements) {
        this.agreements = agreements;
        this.jdbc = jdbc;
        this.businessTime = businessTime;
        this.transaction = transaction;
        this.runtime = runtime;
        this.management = management;
        this.repository = repository;
        this.processes = processes;
        this.targets = targets;
        this.reps = reps;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.queryForObject("select count(*) from lead", Long.class) > 0) {
            return;
        }
        log.info("Empty database: seeding a demo quarter of {} leads (first start only)", LEADS);
        long started = System.nanoTime();
        Instant end = ClockUtil.getCurrentTime().toInstant();
        Instant start = end.minus(PERIOD);
        List<Trail> trails = new ArrayList<>();
        ContentHistory content = new ContentHistory(jdbc);
        agreements.inForce(); // agreement 1, which the demo's second agreement follows
        var summary = transaction.execute(status -> {
            var written = new HistoryGenerator(jdbc, businessTime.hours()).recordingTrails(trails::add)
                    .generate(start, end, LEADS, 2026);
            content.generate(start, end, CONTENT_REQUESTS, 2027);
            new ReviewHistory(jdbc, businessTime.hours().zone(), targets).generate(start, end);
            new DemoAgreements(jdbc, businessTime.hours().zone()).generate(start, end);
            return written;
        });
        log.info("Demo quarter written to Handoff's tables in {} ms: {} and {} content requests; the engine's "
                + "share follows in the background (about a minute; stopping Handoff before it reports leaves seeded "
                + "leads without processes: delete ./data to start over)", (System.nanoTime() - started) / 1_000_000,
                summary, CONTENT_REQUESTS);
        fitCapacities();
        processes.start();
        Thread thread = new Thread(() -> engineShare(trails, content.open()), "demo-quarter");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * As a sales manager would after such a quarter: each demo rep gets a capacity with room for new leads above
     * what the quarter left open on them (at least 10 more, rounded up to ten), never below the default.
     */
    private void fitCapacities() {
        for (String rep : HistoryGenerator.REPS) {
            Rep current = reps.get(rep);
            int capacity = headroom(current.openLeads(), current.capacity());
            if (capacity != current.capacity()) {
                reps.update(rep, new Reps.Update(null, null, null, capacity), "sally");
            }
        }
    }

    static int headroom(long openLeads, int capacity) {
        return (int) Math.max(capacity, (openLeads + 10 + 9) / 10 * 10);
    }

    private void engineShare(List<Trail> trails, List<ContentHistory.OpenRequest> openRequests) {
        long started = System.nanoTime();
        try {
            EngineHistory engine = new EngineHistory(runtime, management, repository, jdbc, transaction);
            int requests = engine.writeContent(openRequests);
            int instances = engine.write(trails);
            log.info("Demo quarter in the engine after {} ms: history of {} leads, {} of them waiting in "
                    + "lead-lifecycle; {} open content requests waiting in content-request",
                    (System.nanoTime() - started) / 1_000_000, trails.size(), instances, requests);
        } catch (RuntimeException e) {
            // The demo must not take Handoff down because the model changed under it.
            log.warn("Demo quarter only partly given to the engine", e);
        }
    }
}
