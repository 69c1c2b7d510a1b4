package dev.handoff.platform;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.handoff.identity.Groups;

/**
 * The two ways into the engine, /engine-rest (HTTP basic, after the engine's authentication filter) and the
 * webapps' API under /camunda/api (a webapp session), go through this one guard:
 * <ul>
 * <li>integration accounts push leads through Handoff's API only: they may not sign in to the webapps (the
 * login answers as to a wrong password) and never reach the engine, so they never skip Handoff's
 * validation;</li>
 * <li>nothing answers anonymously, not even the list of engines, which the engine's filter and the webapps
 * leave open.</li>
 * </ul>
 * What a signed-in person may then do is the engine's authorizations' business.
 */
class EngineAccessGuard extends OncePerRequestFilter {

    private static final String INTEGRATION_ONLY = "Integration accounts use Handoff's API under /api, not the "
            + "engine's REST API or the Camunda webapps.";

    private final IdentityService identityService;
    private final String webappApi;

    EngineAccessGuard(IdentityService identityService, String webappPath) {
        this.identityService = identityService;
        this.webappApi = webappPath + "/api/";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean webapps = path.startsWith(webappApi);
        List<String> groups = webapps ? sessionGroups(request) : engineRestGroups(request);
        if (webapps && groups == null && isLogin(path, request)) {
            // Refused like a wrong password, whatever the password: the answer tells nobody that it is right.
            if (groupsOf(request.getParameter("username")).contains(Groups.INTEGRATION)) {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (groups != null && groups.contains(Groups.INTEGRATION)) {
            Problems.write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", INTEGRATION_ONLY);
            return;
        }
        if (groups == null && (!webapps || isEngineList(path))) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"handoff\"");
            Problems.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Authentication required",
                    "Sign in with HTTP basic authentication (/engine-rest) or a Camunda webapp session.");
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * The groups of whoever the engine's authentication filter let in on /engine-rest, or null. That filter
     * passes the list of engines (/engine-rest/engine) through without looking at credentials: checked here.
     */
    private List<String> engineRestGroups(HttpServletRequest request) {
        Authentication authentication = identityService.getCurrentAuthentication();
        if (authentication != null) {
            return authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
        }
        String userId = ApiAuthenticationFilter.basicUser(identityService, request);
        return userId == null ? null : groupsOf(userId);
    }

    /** The groups of the webapp session's user, or null without one. */
    private static List<String> sessionGroups(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        if (authentications == null || authentications.getAuthentications().isEmpty()) {
            return null;
        }
        return authentications.getAuthentications().stream()
                .filter(UserAuthentication.class::isInstance).map(UserAuthentication.class::cast)
                .flatMap(a -> a.getGroupIds() == null ? java.util.stream.Stream.empty() : a.getGroupIds().stream())
                .toList();
    }

    private List<String> groupsOf(String userId) {
        if (userId == null || userId.isBlank()) {
            return List.of();
        }
        return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    }

    private boolean isLogin(String path, HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && path.startsWith(webappApi + "admin/auth/user/")
                && path.contains("/login/");
    }

    private boolean isEngineList(String path) {
        return path.equals(webappApi + "engine/engine") || path.equals(webappApi + "engine/engine/");
    }
}
