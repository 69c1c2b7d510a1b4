package dev.handoff.platform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Bounds shared by every endpoint of Handoff's API: a query parameter holds at most
 * {@link InputBounds#MAX_PARAMETER_LENGTH} characters and no NUL; and every answer, the engine's and the
 * webapps' too, tells browsers not to guess another content type ({@code X-Content-Type-Options: nosniff}).
 */
@Configuration(proxyBeanMethods = false)
class ApiInput implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                List<FieldProblem> problems = new ArrayList<>();
                for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                    for (String value : parameter.getValue()) {
                        if (!InputBounds.storable(value)) {
                            problems.add(new FieldProblem(parameter.getKey(), InputBounds.NOT_STORABLE));
                        } else if (value.length() > InputBounds.MAX_PARAMETER_LENGTH) {
                            problems.add(new FieldProblem(parameter.getKey(), "must be at most "
                                    + InputBounds.MAX_PARAMETER_LENGTH + " characters"));
                        }
                    }
                }
                if (!problems.isEmpty()) {
                    throw new InvalidInputException(problems);
                }
                return true;
            }
        }).addPathPatterns("/api/**");
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> noSniff() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                response.setHeader("X-Content-Type-Options", "nosniff");
                chain.doFilter(request, response);
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
