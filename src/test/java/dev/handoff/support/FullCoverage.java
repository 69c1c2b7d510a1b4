package dev.handoff.support;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Every process test class must hit every flow node and sequence flow of the processes it runs. Primary: the
 * coverage library's own configuration registers default properties too, which would otherwise win silently
 * and measure without asserting anything.
 */
@TestConfiguration(proxyBeanMethods = false)
class FullCoverage {

    @Bean
    @Primary
    ProcessEngineCoverageProperties fullCoverage() {
        return ProcessEngineCoverageProperties.builder().assertClassCoverageAtLeast(1.0).build();
    }
}
