package dev.handoff.platform;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.List;
import java.util.stream.Stream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
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
 * <li>/engine-rest answers nobody anonymously, not even the list of engines, which the engine's filter
 * leaves open; the webapps' list of engine names ({@code GET /camunda/api/engine/engine/}) stays open: the
 * webapps' login ({@code AuthenticationService.login} in camunda-commons-ui) asks for it first, to get a fresh
 * CSRF cookie, and posts the credentials only once it succeeded, so a 401 there fails every login as "Wrong
 * credentials" (tried with TasklistBrowserIT); and an empty list makes each page say its engine does not
 * exist. It names only the engine that each webapp address names anyway;</li>
 * <li>the APIs of Cockpit, Tasklist and Admin answer only those who may open that app, as their pages do;</li>
 * <li>only admins write process variables directly ({@link VariableWrites}); everyone else through forms and
 * Handoff's API, and a form's submission sets only the variables it has fields for ({@link FormVariables}).</li>
 * </ul>
 * What a signed-in person may then do is the engine's authorizations' business.
 */
class EngineAccessGuard extends OncePerRequestFilter {

    private static final String INTEGRATION_ONLY = "Integration accounts use Handoff's API under /api, not the "
            + "engine's REST API or the Camunda webapps.";

    private static final String ADMINS_ONLY = "Only admins write process variables directly; use the task's or "
            + "start form, or Handoff's API under /api.";

    private final IdentityService identityService;
    private final String webappApi;
    private final VariableWrites variableWrites;
    private final TaskCompletions completions;
    private final FormVariables formVariables;

    EngineAccessGuard(ProcessEngine engine, String webappPath) {
        this.identityService = engine.getIdentityService();
        this.webappApi = webappPath + "/api/";
        this.variableWrites = new VariableWrites(webappPath);
        this.completions = new TaskCompletions(engine, variableWrites);
        this.formVariables = new FormVariables(engine);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean webapps = path.startsWith(webappApi);
        List<String> groups = webapps ? sessionGroups(request) : engineRestGroups(request);
        if (webapps && isLogin(path, request)) {
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
        String app = pluginApp(path);
        if (webapps && groups != null && app != null && !sessionApps(request).contains(app)) {
            Problems.write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                    "The " + app + " API is for those who may use " + app + ".");
            return;
        }
        // The decoded, normalised path (no doubled slash, no path parameter), as the engine's REST API matches it.
        String decoded = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (groups != null && !groups.contains(Groups.ADMIN) && variableWrites.writes(request.getMethod(), decoded)) {
            Problems.write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", ADMINS_ONLY);
            return;
        }
        if (groups != null && !groups.contains(Groups.ADMIN)) {
            String refusal = completions.refusal(request.getMethod(), decoded, userId(request, webapps), groups);
            if (refusal != null) {
                Problems.write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", refusal);
                return;
            }
            String rest = variableWrites.engineRelative(decoded);
            if (FormVariables.applies(request.getMethod(), rest)) {
                byte[] body = request.getInputStream().readNBytes(FormVariables.MAX_BODY + 1);
                if (body.length > FormVariables.MAX_BODY) {
                    Problems.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Too large",
                            "A form's submission is at most " + FormVariables.MAX_BODY + " bytes.");
                    return;
                }
                List<FieldProblem> strays = formVariables.strays(rest, body);
                if (!strays.isEmpty()) {
                    Problems.invalid(response, strays);
                    return;
                }
                request = new BodyAgain(request, body);
            }
        }
        if (groups == null && !webapps) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"handoff\"");
            Problems.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Authentication required",
                    "Sign in with HTTP basic authentication.");
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

    /** Who calls: the webapp session's user, or the one the engine's filter or HTTP basic let in. */
    private String userId(HttpServletRequest request, boolean webapps) {
        if (webapps) {
            List<UserAuthentication> users = sessionUsers(request);
            return users.isEmpty() ? null : users.get(0).getIdentityId();
        }
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication != null ? authentication.getUserId()
                : ApiAuthenticationFilter.basicUser(identityService, request);
    }

    /** The groups of the webapp session's user, or null without one. */
    private static List<String> sessionGroups(HttpServletRequest request) {
        List<UserAuthentication> users = sessionUsers(request);
        return users.isEmpty() ? null : users.stream()
                .flatMap(a -> a.getGroupIds() == null ? Stream.empty() : a.getGroupIds().stream()).toList();
    }

    /** The apps the webapp session's user may open, as the login worked them out. */
    private static List<String> sessionApps(HttpServletRequest request) {
        return sessionUsers(request).stream()
                .flatMap(a -> a.getAuthorizedApps() == null ? Stream.empty() : a.getAuthorizedApps().stream())
                .toList();
    }

    /** Who is signed in to the webapps with this request's session (none without a session). */
    private static List<UserAuthentication> sessionUsers(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        return authentications == null ? List.of() : authentications.getAuthentications().stream()
                .filter(UserAuthentication.class::isInstance).map(UserAuthentication.class::cast).toList();
    }

    /**
     * The webapp whose own API (Cockpit's plugins, Admin's, Tasklist's) the path belongs to, or null for the
     * engine API, the sign-in endpoints and the plugins' scripts, which every page loads. The webapps check
     * this for their pages only.
     */
    private String pluginApp(String path) {
        for (String app : List.of("cockpit", "tasklist", "admin")) {
            if (path.startsWith(webappApi + app + "/") && !path.startsWith(webappApi + "admin/auth/")
                    && !path.contains("/static/")) {
                return app;
            }
        }
        return null;
    }

    private List<String> groupsOf(String userId) {
        if (userId == null || userId.isBlank()) {
            return List.of();
        }
        return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    }

    /** The request with its body, read once to check it, readable again by the engine. */
    private static final class BodyAgain extends HttpServletRequestWrapper {

        private final byte[] body;

        BodyAgain(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("read synchronously");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(), Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    private boolean isLogin(String path, HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && path.startsWith(webappApi + "admin/auth/user/")
                && path.contains("/login/");
    }

}
