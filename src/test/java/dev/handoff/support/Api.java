package dev.handoff.support;

import java.util.Map;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A plain HTTP client for tests that call Handoff the way an integrator or a browser does. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private final HttpClient client;
    private final String base;
    private final String authorization;
    /** A browser's cookies (webapp session, XSRF-TOKEN), or null for a script's stateless calls. */
    private final CookieManager cookies;
    private final boolean sendsXsrfToken;

    private Api(String base, String authorization) {
        this(base, authorization, null, false);
    }

    private Api(String base, String authorization, CookieManager cookies, boolean sendsXsrfToken) {
        this.base = base;
        this.authorization = authorization;
        this.cookies = cookies;
        this.sendsXsrfToken = sendsXsrfToken;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        this.client = (cookies == null ? builder : builder.cookieHandler(cookies)).build();
    }

    /**
     * A browser without credentials: it keeps cookies and, like the Camunda webapps, sends the XSRF-TOKEN
     * cookie's value back as the X-XSRF-TOKEN header; sign in with {@link #logIn}.
     */
    public static Api browser(int port) {
        return new Api("http://localhost:" + port, null, new CookieManager(), true);
    }

    /** A demo user signed in on the webapps' login form (its password is its id), with its session. */
    public static Api webappSession(int port, String user) {
        Api browser = browser(port);
        Response login = browser.logIn(user, user);
        if (login.status() != 200) {
            throw new AssertionError("Webapp login of " + user + " failed: " + login);
        }
        // The login starts a new session; like the webapps' next call, this picks up its XSRF token.
        browser.get("/camunda/api/admin/auth/user/default");
        return browser;
    }

    /** Signs in as the welcome page's form does: picks up the XSRF-TOKEN cookie first, then posts the form. */
    public Response logIn(String user, String password) {
        get("/camunda/app/welcome/default/");
        return postRaw("/camunda/api/admin/auth/user/default/login/welcome", "application/x-www-form-urlencoded",
                "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8));
    }

    /** The same browser session, but its requests leave out the X-XSRF-TOKEN header (a forged request). */
    public Api withoutXsrfToken() {
        return new Api(base, authorization, cookies, false);
    }

    public static Api anonymous(int port) {
        return new Api("http://localhost:" + port, null);
    }

    /** A task completion's or start form's body, as the engine's REST API takes it: each value as {value: v}. */
    public static Map<String, Object> variables(Map<String, ?> values) {
        Map<String, Object> variables = new java.util.LinkedHashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        return Map.of("variables", variables);
    }

    public static Api as(int port, String user, String password) {
        return new Api("http://localhost:" + port, "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** A demo user, whose password is its id. */
    public static Api as(int port, String user) {
        return as(port, user, user);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    /** A GET as a browser sends it when someone opens the address. */
    public Response page(String path) {
        return send(request(path).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").GET());
    }

    public Response post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    /** A POST asking for HAL, as Tasklist does for a filter's list with its columns' variables. */
    public Response postHal(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").header("Accept", "application/hal+json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    /**
     * The tasks of this user's Tasklist filter that match {@code query}, as HAL: each task with the filter's
     * column variables under {@code _embedded.variable}, as Tasklist shows them.
     */
    public JsonNode filterList(String filterName, Object query) {
        for (JsonNode filter : get("/engine-rest/filter").json()) {
            if (filter.path("name").asText().equals(filterName)) {
                return postHal("/engine-rest/filter/" + filter.path("id").asText() + "/list", query).json()
                        .path("_embedded").path("task");
            }
        }
        throw new AssertionError("no filter " + filterName + " for this user");
    }

    /** The filter's column values of the first listed task, by variable name. */
    public static java.util.Map<String, String> columns(JsonNode tasks) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        tasks.get(0).path("_embedded").path("variable")
                .forEach(v -> values.put(v.path("name").asText(), v.path("value").asText()));
        return values;
    }

    public Response put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response postRaw(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response postBytes(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (cookies != null && sendsXsrfToken) {
            cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().ifPresent(token -> builder.header("X-XSRF-TOKEN", token));
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null));
        } catch (Exception e) {
            throw new IllegalStateException("Request failed: " + e, e);
        }
    }

    private static String json(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public record Response(int status, String body, String contentType, String location) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException("Not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
