package dev.handoff.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A whole Handoff on a random port: on an in-memory H2 database, or on PostgreSQL in the build's second
 * integration-test run. Every IT shares this one context: a class that changes its configuration starts a
 * second engine named "default", and the REST API would then serve whichever engine registered last.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:handoff-it;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "camunda.bpm.job-execution.enabled=false", "handoff.demo.seed-quarter=false",
        // Outbox retries in tenths of seconds, not seconds (the receivers fail on purpose).
        "handoff.events.delivery.first-retry=PT0.02S", "handoff.events.delivery.max-retry=PT0.2S",
        "handoff.events.delivery.poll-interval=PT0.2S", "handoff.events.delivery.max-attempts=40" })
@Import({ TestDatabase.class, TestMail.class, TestWebhooks.class })
public @interface IntegrationTest {
}
