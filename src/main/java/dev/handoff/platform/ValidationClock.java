package dev.handoff.platform;

import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Bean Validation's "past" and "future" are judged by Handoff's clock, not the JVM's. */
@Configuration(proxyBeanMethods = false)
class ValidationClock {

    @Bean
    ValidationConfigurationCustomizer engineClockForValidation() {
        return configuration -> configuration.clockProvider(EngineClock::clock);
    }
}
