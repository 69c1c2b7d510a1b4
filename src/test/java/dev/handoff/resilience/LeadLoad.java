package dev.handoff.resilience;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import dev.handoff.platform.EngineClock;

/**
 * Client threads posting unique, complete MQLs (each routed to an SDR with its SLA clocks) as an integration
 * does, recording every answer: which leads were acknowledged (201 or 200), which were refused and how.
 */
final class LeadLoad implements AutoCloseable {

    /** One request's fate. {@code status} -1: no answer (connection refused or reset, timeout). */
    record Answer(String email, int status, long atNanos, String contentType, String retryAfter, String body) {
        boolean acknowledged() {
            return status == 200 || status == 201;
        }
    }

    private final String tag;
    private final IntSupplier port;
    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Starts {@code threads} clients against the port {@code port} gives at each request (it may change). */
    LeadLoad(String tag, int threads, IntSupplier port) {
        this.tag = tag;
        this.port = port;
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(this::run, "lead-load-" + tag + "-" + i);
            thread.setDaemon(true);
            this.threads.add(thread);
            thread.start();
        }
    }

    /** One lead, sent once, by the calling thread. */
    static Answer send(HttpClient client, int port, String email) {
        String body = """
                {"firstName": "Load", "lastName": "Test", "email": "%s", "phone": "+49 30 1234567",
                 "jobTitle": "VP Sales", "company": "Acme GmbH", "companySize": 500, "industry": "Software",
                 "country": "DE", "source": "inbound", "campaign": "resilience",
                 "engagements": [{"type": "demo_request", "occurredAt": "%s"}]}"""
                .formatted(email, EngineClock.now().withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/leads"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("intake:intake".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(email, response.statusCode(), System.nanoTime(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(null), response.body());
        } catch (IOException e) {
            return new Answer(email, -1, System.nanoTime(), "", null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(email, -1, System.nanoTime(), "", null, e.toString());
        }
    }

    private void run() {
        while (running.get()) {
            String email = "load-" + tag + "-" + sequence.incrementAndGet() + "@resilience.example";
            Answer answer = send(client, port.getAsInt(), email);
            answers.add(answer);
            if (answer.status() == -1 || answer.status() >= 500) {
                // An unreachable node or database: do not spin.
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    List<Answer> answers() {
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    List<String> acknowledged() {
        return answers().stream().filter(Answer::acknowledged).map(Answer::email).toList();
    }

    /** Every email sent so far, answered or not. */
    List<String> sent() {
        return answers().stream().map(Answer::email).toList();
    }

    long count(int status) {
        return answers().stream().filter(a -> a.status() == status).count();
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(40_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
