package dev.handoff.demo;

import java.time.Duration;
import java.time.Instant;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.handoff.sla.BusinessTime;

/**
 * On an empty database, fills Handoff's tables with a past quarter (the 90 days before now) so that the
 * reports, the dashboard and the quarter diagnosis have something to show on first start. Off with
 * {@code handoff.demo.seed-quarter=false}, as in the postgres profile and the tests.
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
    private final DemoProcesses processes;

    DemoQuarter(JdbcTemplate jdbc, BusinessTime businessTime, TransactionTemplate transaction,
            DemoProcesses processes) {
        this.jdbc = jdbc;
        this.businessTime = businessTime;
        this.transaction = transaction;
        this.processes = processes;
    }

    @Override
    public void run(ApplicationArguments args) {
        Boolean seeded = transaction.execute(status -> {
            if (jdbc.queryForObject("select count(*) from lead", Long.class) > 0) {
                return false;
            }
            long started = System.nanoTime();
            Instant end = ClockUtil.getCurrentTime().toInstant();
            Instant start = end.minus(PERIOD);
            var summary = new HistoryGenerator(jdbc, businessTime.hours()).generate(start, end, LEADS, 2026);
            new ContentHistory(jdbc).generate(start, end, CONTENT_REQUESTS, 2027);
            log.info("Demo quarter seeded in {} ms: {} and {} content requests",
                    (System.nanoTime() - started) / 1_000_000, summary, CONTENT_REQUESTS);
            return true;
        });
        if (Boolean.TRUE.equals(seeded)) {
            processes.start();
        }
    }
}
