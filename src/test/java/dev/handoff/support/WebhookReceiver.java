package dev.handoff.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server (the JDK's) that takes webhook and chat deliveries and keeps every request. It can be told
 * to answer 500 to the first attempts of each event (by its {@code Idempotency-Key}, or by body for chat).
 */
public class WebhookReceiver {

    /** One request as received. */
    public record Request(String path, Map<String, List<String>> headers, String body, int answered) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    static {
        // The JDK's server writes a response's headers and body apart; without TCP_NODELAY the body waits for the
        // client's delayed ACK of the headers, 40 ms on Linux, and each delivery took 45 ms (a flight recording of
        // LeadEventsIT: the outbox thread waited 103 s of 150 on 2,303 responses). Read once, when the JDK's
        // server configuration loads: this is the only server of its kind in the tests.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, AtomicInteger> attemptsByKey = new ConcurrentHashMap<>();
    private volatile int failFirst;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** From now on each event's first {@code n} attempts are answered 500. */
    public void failFirstAttempts(int n) {
        failFirst = n;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            int attempt = attemptsByKey.computeIfAbsent(key != null ? key : body, k -> new AtomicInteger())
                    .incrementAndGet();
            int status = attempt <= failFirst ? 500 : 200;
            synchronized (this) {
                requests.add(new Request(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                        body, status));
            }
            byte[] answer = (status == 200 ? "ok" : "try again").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        } finally {
            exchange.close();
        }
    }
}
