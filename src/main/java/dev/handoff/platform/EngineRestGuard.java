package dev.handoff.platform;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.handoff.identity.Groups;

/**
 * Runs after the engine's authentication filter on /engine-rest: integration accounts may push leads
 * through Handoff's API only, never drive the engine directly and so skip its validation.
 */
class EngineRestGuard extends OncePerRequestFilter {

    private final IdentityService identityService;

    EngineRestGuard(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = identityService.getCurrentAuthentication();
        if (authentication != null && authentication.getGroupIds() != null
                && authentication.getGroupIds().contains(Groups.INTEGRATION)) {
            Problems.write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                    "Integration accounts use Handoff's API under /api, not the engine's REST API.");
            return;
        }
        chain.doFilter(request, response);
    }
}
