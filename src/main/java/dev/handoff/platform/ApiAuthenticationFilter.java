package dev.handoff.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates Handoff's own endpoints against the engine's identity service: an open Camunda webapp
 * session (whose changes need the webapps' CSRF token, like theirs), or HTTP basic (which keeps the engine's
 * login throttling and needs no token: a browser never adds it to a forged request by itself). The engine then applies its
 * authorizations to that user for the rest of the request.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final String CSRF_FETCH = "Fetch";

    private final IdentityService identityService;
    private final String engineName;
    private final List<String> requiredGroups;
    private final List<String> openPaths;
    private String loginPage;

    /**
     * @param requiredGroups groups of which the user must be in one, or empty for any authenticated user
     * @param openPaths      paths (and everything below them) that anyone may call
     */
    public ApiAuthenticationFilter(IdentityService identityService, String engineName, List<String> requiredGroups,
            List<String> openPaths) {
        this.identityService = identityService;
        this.engineName = engineName;
        this.requiredGroups = requiredGroups;
        this.openPaths = openPaths;
    }

    /**
     * Pages that people open in a browser send an anonymous visitor to the webapp login (whose welcome page
     * links back here) instead of the browser's basic-auth prompt; scripts still get problem details.
     */
    public ApiAuthenticationFilter redirectingBrowsersTo(String loginPage) {
        this.loginPage = loginPage;
        return this;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return openPaths.stream().anyMatch(open -> path.equals(open) || path.startsWith(open + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String userId = sessionUser(request);
        if (userId != null && !SAFE_METHODS.contains(request.getMethod()) && !hasCsrfToken(request)) {
            Problems.write(response, HttpServletResponse.SC_FORBIDDEN, "CSRF token required",
                    "A change made with a webapp session needs the session's token in the "
                            + CsrfConstants.CSRF_TOKEN_HEADER_NAME + " header, as the Camunda webapps send it "
                            + "from the " + CsrfConstants.CSRF_TOKEN_DEFAULT_COOKIE_NAME + " cookie.");
            return;
        }
        if (userId != null && SAFE_METHODS.contains(request.getMethod()) && CSRF_FETCH.equalsIgnoreCase(
                request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME))) {
            handOutCsrfToken(request, response);
        }
        if (userId == null) {
            userId = basicUser(request);
        }
        if (userId == null && wantsPage(request)) {
            response.sendRedirect(request.getContextPath() + loginPage);
            return;
        }
        if (userId == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"handoff\"");
            Problems.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Authentication required",
                    "Sign in with HTTP basic authentication or a Camunda webapp session.");
            return;
        }
        List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId).toList();
        if (!requiredGroups.isEmpty() && groups.stream().noneMatch(requiredGroups::contains)) {
            if (wantsPage(request)) {
                Problems.page(response, HttpServletResponse.SC_FORBIDDEN, "Not for you",
                        "You are signed in as " + userId + ". This page is for " + String.join(", ", requiredGroups)
                                + ".", request.getContextPath() + loginPage);
                return;
            }
            Problems.write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                    "User " + userId + " is in none of the groups " + requiredGroups + ".");
            return;
        }
        identityService.setAuthentication(userId, groups);
        try {
            chain.doFilter(request, response);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return loginPage != null && "GET".equals(request.getMethod()) && accept != null
                && accept.contains("text/html");
    }

    /**
     * Pages of Handoff's own outside the webapps' path (the dashboard) do not see the XSRF-TOKEN cookie, which the
     * webapps scope to their path: asked with {@code X-XSRF-TOKEN: Fetch}, a read hands them the session's token
     * in the response header. Another site's page cannot read that header (no CORS), so it stays a secret.
     */
    private static void handOutCsrfToken(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME) instanceof String t) {
            response.setHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME, t);
        }
    }

    /** Cross-site requests carry the session cookie but cannot read the token the webapps keep in the session. */
    private static boolean hasCsrfToken(HttpServletRequest request) {
        Object expected = request.getSession().getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
        String sent = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
        return expected instanceof String token && sent != null && MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    private String sessionUser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        Authentication authentication = authentications == null ? null
                : authentications.getAuthenticationForProcessEngine(engineName);
        return authentication == null ? null : authentication.getIdentityId();
    }

    private String basicUser(HttpServletRequest request) {
        return basicUser(identityService, request);
    }

    /** The user whose HTTP basic credentials the request carries and the identity service accepts, or null. */
    static String basicUser(IdentityService identityService, HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String userId = decoded.substring(0, colon);
        return identityService.checkPassword(userId, decoded.substring(colon + 1)) ? userId : null;
    }
}
