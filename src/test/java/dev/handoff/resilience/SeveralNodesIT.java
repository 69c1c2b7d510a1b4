package dev.handoff.resilience;

import static dev.handoff.resilience.Resilience.START_UP;
import static dev.handoff.resilience.Resilience.await;
import static dev.handoff.resilience.Resilience.log;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.handoff.support.Api;
import dev.handoff.support.HandoffNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two nodes on one PostgreSQL database: started at the same moment on an empty database (three times, the race
 * is timing-dependent) both come up, with schema, models, identities, authorizations and filters created once;
 * a filter an admin names like a seeded one never stops a start; the same lead sent 20 times at once to both
 * is one lead with one lifecycle; a storm of breaches on both is handled once each.
 */
class SeveralNodesIT {

    static final int FIRST_STARTS = 3;
    static final int STORM = 100;

    @Test
    void twoNodesOnOneDatabase(@TempDir Path work) throws Exception {
        try (EmbeddedPostgres postgres = Resilience.postgres(work.resolve("pg"), HandoffNode.freePort())) {
            List<String> figures = new ArrayList<>();
            for (int round = 1; round <= FIRST_STARTS; round++) {
                String database = "handoff" + round;
                try (Connection admin = DriverManager.getConnection(Resilience.url(postgres), "postgres", "");
                        Statement statement = admin.createStatement()) {
                    statement.execute("create database " + database);
                }
                String url = postgres.getJdbcUrl("postgres", database);
                try (HandoffNode a = Resilience.node("node-a" + round, work.resolve("a" + round), url);
                        HandoffNode b = Resilience.node("node-b" + round, work.resolve("b" + round), url)) {
                    a.start();
                    b.start();
                    a.awaitUp(START_UP);
                    b.awaitUp(START_UP);
                    figures.add(firstStart(url));
                    if (round == FIRST_STARTS) {
                        sameLeadToBothNodes(a, b, url);
                        breachStormOnBothNodes(a, b, url);
                        filterNamedLikeASeededOne(b, url);
                    }
                }
            }
            log.info("Two nodes started at once on an empty database, {} rounds: {}", FIRST_STARTS, figures);
        }
    }

    /** What one simultaneous first start left in the database: everything once. */
    private static String firstStart(String url) {
        long deployments = Resilience.count(url, "select count(*) from ACT_RE_DEPLOYMENT where NAME_ = 'handoff'");
        // The start forms redeployed to show agreement 1 (agreement/AgreementForms), by one node of the two.
        long formDeployments = Resilience.count(url,
                "select count(*) from ACT_RE_DEPLOYMENT where NAME_ = 'handoff-agreement'");
        long definitionsTwice = Resilience.count(url, "select count(*) from ACT_RE_PROCDEF where VERSION_ > 1");
        long decisionsTwice = Resilience.count(url, "select count(*) from ACT_RE_DECISION_DEF where VERSION_ > 1");
        long filters = Resilience.count(url, "select count(*) from ACT_RU_FILTER");
        long myTasks = Resilience.count(url, "select count(*) from ACT_RU_FILTER where NAME_ = 'My tasks'");
        long authorizations = Resilience.count(url, "select count(*) from ACT_RU_AUTHORIZATION");
        long users = Resilience.count(url, "select count(*) from ACT_ID_USER");
        long memberships = Resilience.count(url, "select count(*) from ACT_ID_MEMBERSHIP");
        long schemaLogs = Resilience.count(url, "select count(*) from ACT_GE_SCHEMA_LOG");
        long migrations = Resilience.count(url, "select count(*) from handoff_schema_history where success");
        assertThat(deployments).as("deployments").isEqualTo(1);
        assertThat(formDeployments).as("start forms deployed for the agreement in force").isEqualTo(1);
        assertThat(definitionsTwice + decisionsTwice).as("models deployed twice").isZero();
        assertThat(myTasks).as("'My tasks' filters").isEqualTo(1);
        assertThat(users).as("users").isEqualTo(memberships);
        String figure = "both up; deployments " + deployments + " and " + formDeployments + " of forms, filters "
                + filters + ", authorizations "
                + authorizations + ", users " + users + ", engine schema log entries " + schemaLogs
                + ", Handoff migrations " + migrations;
        return figure;
    }

    private static void sameLeadToBothNodes(HandoffNode a, HandoffNode b, String url) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<LeadLoad.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int port = (i % 2 == 0 ? a : b).port();
                answers.add(pool.submit(() -> LeadLoad.send(client, port, "twenty-times@resilience.example")));
            }
            Map<Integer, Long> statuses = new TreeMap<>();
            for (Future<LeadLoad.Answer> answer : answers) {
                statuses.merge(answer.get().status(), 1L, Long::sum);
            }
            long leads = Resilience.count(url,
                    "select count(*) from lead where email = 'twenty-times@resilience.example'");
            long lifecycles = Resilience.count(url, "select count(*) from ACT_HI_PROCINST p join lead l on "
                    + "p.BUSINESS_KEY_ = 'L-' || lpad(cast(l.lead_number as varchar), 6, '0') "
                    + "where l.email = 'twenty-times@resilience.example' and p.SUPER_PROCESS_INSTANCE_ID_ is null");
            log.info("The same lead 20 times at once to two nodes: answers {}, leads {}, lifecycles {}", statuses,
                    leads, lifecycles);
            assertThat(statuses).containsOnlyKeys(200, 201).containsEntry(201, 1L);
            assertThat(leads).isEqualTo(1);
            assertThat(lifecycles).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void breachStormOnBothNodes(HandoffNode a, HandoffNode b, String url) {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < STORM; i++) {
            int port = (i % 2 == 0 ? a : b).port();
            assertThat(LeadLoad.send(client, port, "storm-" + i + "@resilience.example").status()).isEqualTo(201);
        }
        long before = Resilience.leadsBreached(url);
        int due = Resilience.makeAcceptBreachesDue(url);
        long start = System.nanoTime();
        await(Duration.ofSeconds(240), "every breach of the storm handled",
                () -> Resilience.leadsBreached(url) == before + due);
        long done = System.nanoTime();
        long twice = Resilience.leadsBreachedTwice(url);
        Map<String, Long> byNode = new TreeMap<>();
        for (HandoffNode node : List.of(a, b)) {
            byNode.put(node.name(), Resilience.count(url, "select count(*) from ACT_HI_JOB_LOG where JOB_DEF_ID_ in "
                    + "(select ID_ from ACT_RU_JOBDEF where ACT_ID_ = 'Event_AcceptSlaBreached') and JOB_STATE_ = 2 "
                    + "and HOSTNAME_ = ?", node.name()));
        }
        log.info("Breach storm on two nodes: {} due, all handled in {} s, handled twice {}, breach jobs run per "
                + "node {}", due, Resilience.seconds(start, done), twice, byNode);
        assertThat(due).isGreaterThanOrEqualTo(STORM);
        assertThat(twice).as("leads breached twice").isZero();
    }

    private static void filterNamedLikeASeededOne(HandoffNode b, String url) {
        Api admin = b.as("admin");
        Api.Response created = admin.post("/engine-rest/filter/create",
                "{\"resourceType\":\"Task\",\"name\":\"My tasks\",\"owner\":\"admin\",\"query\":{},\"properties\":{}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        b.stop();
        b.start().awaitUp(START_UP);
        assertThat(Resilience.count(url, "select count(*) from ACT_RU_FILTER where NAME_ = 'My tasks'"))
                .as("the seeded 'My tasks' and the admin's").isEqualTo(2);
        assertThat(Resilience.count(url, "select count(*) from ACT_RU_FILTER where NAME_ = 'My tasks' "
                + "and PROPERTIES_ like '%handoffSeed%'")).as("seeded 'My tasks' filters").isEqualTo(1);
        log.info("A filter named 'My tasks' created by an admin, then a restart: the node came up, the admin's filter "
                + "kept, one seeded 'My tasks'");
    }
}
