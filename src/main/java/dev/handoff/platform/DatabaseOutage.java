package dev.handoff.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * While the database cannot be reached, Handoff's API, the engine's REST API and the webapps' API answer
 * {@code 503} problem details with {@code Retry-After} (in seconds) instead of a 500: a client, a load balancer
 * and a person in Tasklist or Cockpit learn that trying again shortly is the answer. So does a request that found
 * every connection of the pool in use for its whole timeout (overload), with a message of its own. It wraps every other
 * filter, because authentication reads the database too. A 500 is replaced when its cause is a lost or refused
 * connection, or when the database does not answer a check made right then (the engine's REST API writes its
 * own 500s, without the cause).
 */
@Configuration
class DatabaseOutage {

    static final int RETRY_AFTER_SECONDS = 5;
    static final String TYPE = "https://handoff.dev/problems/database-unavailable";
    static final String TYPE_BUSY = "https://handoff.dev/problems/busy";
    static final String DETAIL = "Handoff cannot reach its database right now. Try again in a few seconds; sending a "
            + "lead again is safe (a repeated lead is merged into the one stored, never doubled).";
    static final String BUSY = "All of Handoff's database connections are busy right now (too many requests at "
            + "once). Try again in a few seconds; sending a lead again is safe (a repeated lead is merged into the one "
            + "stored, never doubled).";
    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> databaseOutageFilter(DataSource dataSource,
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new Filter(dataSource));
        // The webapps' pages too: serving Tasklist's or Cockpit's page reads the database.
        registration.addUrlPatterns("/api/*", "/engine-rest/*", webappPath + "/*", "/dashboard/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Whether a failure is the database's connection failing rather than a statement being wrong. */
    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException || cause instanceof CannotCreateTransactionException) {
                return true;
            }
            if (hasConnectionState(cause)) {
                return true;
            }
        }
        return false;
    }

    /** SQL state class 08: connection exception; 57P01-57P03: PostgreSQL shutting down or starting up. */
    private static boolean hasConnectionState(Throwable cause) {
        return cause instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"));
    }

    /**
     * Whether the database itself is unreachable, rather than the pool's connections all in use: the pool reports
     * the failed connection attempt as the cause of its timeout.
     */
    static boolean isUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLNonTransientConnectionException || cause instanceof java.net.ConnectException
                    || hasConnectionState(cause)) {
                return true;
            }
        }
        return false;
    }

    static void write(HttpServletRequest request, HttpServletResponse response, boolean unreachable)
            throws IOException {
        String detail = unreachable ? DETAIL : BUSY;
        String accept = request.getHeader("Accept");
        if ("GET".equals(request.getMethod()) && accept != null && accept.contains("text/html")) {
            // A person opened a page: tell them, and reload by itself until the database answers again.
            response.reset();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            response.setHeader("Refresh", String.valueOf(RETRY_AFTER_SECONDS));
            response.setContentType("text/html");
            response.setCharacterEncoding("UTF-8");
            String title = unreachable ? "Handoff cannot reach its database" : "Handoff is busy";
            response.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<meta http-equiv=\"refresh\" content=\"" + RETRY_AFTER_SECONDS + "\"><title>" + title
                    + "</title></head><body><h1>" + title + "</h1><p>" + HtmlUtils.htmlEscape(detail) + "</p><p>This page "
                    + "reloads itself every " + RETRY_AFTER_SECONDS + " seconds; nothing you saved is lost.</p>"
                    + "<script>setTimeout(function () { location.reload(); }, " + RETRY_AFTER_SECONDS * 1000
                    + ");</script></body></html>");
            return;
        }
        response.reset();
        response.setHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        response.setHeader("X-Content-Type-Options", "nosniff");
        // In the engine REST API's own error format an error's text is its "message".
        Problems.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, unreachable ? TYPE : TYPE_BUSY,
                unreachable ? "Database unavailable" : "Busy", detail, Map.of("message", detail));
    }

    static final class Filter extends OncePerRequestFilter {

        private final DataSource dataSource;

        Filter(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            ServerErrorHold held = new ServerErrorHold(response);
            try {
                chain.doFilter(request, held);
            } catch (ServletException | IOException | RuntimeException failure) {
                boolean connectionFailed = isConnectionFailure(failure);
                if (!response.isCommitted() && (connectionFailed || !reachable())) {
                    boolean unreachable = !connectionFailed || isUnreachable(failure);
                    log.warn("{} {}: {} ({}), answered 503", request.getMethod(), request.getRequestURI(),
                            unreachable ? "database unreachable" : "no database connection free", failure.getMessage());
                    write(request, response, unreachable);
                    return;
                }
                throw failure;
            }
            if (held.status >= 500) {
                if (!reachable()) {
                    log.warn("{} {}: database unreachable, answered 503 instead of {}", request.getMethod(),
                            request.getRequestURI(), held.status);
                    write(request, response, true);
                } else {
                    held.release();
                }
            }
        }

        private boolean reachable() {
            try (Connection connection = dataSource.getConnection()) {
                return connection.isValid(1);
            } catch (SQLException | RuntimeException e) {
                return false;
            }
        }
    }

    /** Holds back a server error's body until it is known whether the database caused it. */
    static final class ServerErrorHold extends HttpServletResponseWrapper {

        private int status;
        private String message;
        private boolean sentError;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private ServletOutputStream stream;
        private PrintWriter writer;

        ServerErrorHold(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int sc) {
            if (sc >= 500) {
                status = sc;
            } else {
                super.setStatus(sc);
            }
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            if (sc >= 500) {
                status = sc;
                message = msg;
                sentError = true;
            } else {
                super.sendError(sc, msg);
            }
        }

        @Override
        public void sendError(int sc) throws IOException {
            sendError(sc, null);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (status < 500) {
                return super.getOutputStream();
            }
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        body.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        body.write(b, off, len);
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new UnsupportedOperationException();
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (status < 500) {
                return super.getWriter();
            }
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override
        public void flushBuffer() throws IOException {
            if (status < 500) {
                super.flushBuffer();
            }
        }

        @Override
        public boolean isCommitted() {
            return status < 500 && super.isCommitted();
        }

        /** The database is fine: the server error goes out as it was written. */
        void release() throws IOException {
            if (writer != null) {
                writer.flush();
            }
            HttpServletResponse response = (HttpServletResponse) getResponse();
            if (sentError) {
                response.sendError(status, message);
                return;
            }
            response.setStatus(status);
            body.writeTo(response.getOutputStream());
        }
    }
}
