package dev.handoff.platform;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.handoff.identity.Groups;

/**
 * Nothing but the health probe and the API description is open: the engine's REST API, Handoff's API and
 * the other Actuator endpoints all ask who is calling.
 */
@Configuration
class SecurityConfiguration {

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<EngineRestGuard> engineRestGuard(IdentityService identityService) {
        var registration = new FilterRegistrationBean<>(new EngineRestGuard(identityService));
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 21);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(ProcessEngine engine) {
        var registration = new FilterRegistrationBean<>(
                new ApiAuthenticationFilter(engine.getIdentityService(), engine.getName(), List.of(), List.of()));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /** The manager dashboard's page and scripts; the reports it reads check the same groups again. */
    @Bean
    FilterRegistrationBean<ApiAuthenticationFilter> dashboardAuthentication(ProcessEngine engine,
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
        var registration = new FilterRegistrationBean<>(new ApiAuthenticationFilter(engine.getIdentityService(),
                engine.getName(), List.of(Groups.SALES_MANAGERS, Groups.MARKETING_MANAGERS, Groups.ADMIN), List.of())
                .redirectingBrowsersTo(webappPath + "/app/welcome/" + engine.getName() + "/"));
        registration.addUrlPatterns("/dashboard/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiAuthenticationFilter> actuatorAuthentication(ProcessEngine engine) {
        var registration = new FilterRegistrationBean<>(new ApiAuthenticationFilter(engine.getIdentityService(),
                engine.getName(), List.of(Groups.ADMIN), List.of("/actuator/health")));
        registration.addUrlPatterns("/actuator/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
