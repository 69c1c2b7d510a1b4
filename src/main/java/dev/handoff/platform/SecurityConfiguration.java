package dev.handoff.platform;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

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

    /** After the engine's authentication filter on /engine-rest; before the webapps' own filters on their API. */
    @Bean
    FilterRegistrationBean<EngineAccessGuard> engineAccessGuard(ProcessEngine engine,
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
        var registration = new FilterRegistrationBean<>(new EngineAccessGuard(engine, webappPath));
        registration.addUrlPatterns("/engine-rest/*", webappPath + "/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 21);
        return registration;
    }

    /**
     * Spring's error page answers only the errors forwarded to it; called directly it would report a 500
     * without any error.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> directErrorRequests() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws IOException {
                Problems.write(response, HttpServletResponse.SC_NOT_FOUND, "Not found", "No such resource.");
            }
        });
        registration.addUrlPatterns("/error", "/error/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /**
     * The webapps' pages carry a fresh CSP nonce each time; a browser that kept one and reused it with a newer
     * response's header would block the page's scripts (seen in WebappConsoleBrowserIT going back to the
     * welcome app). Their scripts and styles stay cacheable.
     */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> webappPagesNotStored(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                if (request.getRequestURI().endsWith("/")) {
                    response.setHeader("Cache-Control", "no-store");
                }
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns(webappPath + "/app/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 22);
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
