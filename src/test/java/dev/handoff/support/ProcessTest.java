package dev.handoff.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A process test: the whole application on a mock servlet environment (no port), on its own in-memory H2 database, the job
 * executor off (tests execute jobs themselves and move the engine clock), and process test coverage
 * recorded into target/process-test-coverage/ and asserted complete for each test class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
        "spring.datasource.url=jdbc:h2:mem:handoff-process;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "camunda.bpm.job-execution.enabled=false", "handoff.demo.seed-quarter=false" })
@Import({ ProcessEngineCoverageConfiguration.class, FullCoverage.class })
public @interface ProcessTest {
}
