package dev.handoff.event;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** How one outbox row reaches its subscriber: signed JSON, a Slack or Teams message, or a mail. */
@Component
class Channels {

    /** An attempt that did not reach the subscriber; the message says why, for the failed-deliveries page. */
    static class DeliveryFailure extends Exception {
        DeliveryFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HttpClient http;
    private final ObjectMapper json;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final String from;
    private final EventSettings settings;
    private final Clock clock;

    @Autowired
    Channels(ObjectMapper json, ObjectProvider<JavaMailSender> mailSender, EventSettings settings,
            @Value("${handoff.notification.from:handoff@localhost}") String from) {
        this(json, mailSender, settings, from, Clock.systemUTC());
    }

    Channels(ObjectMapper json, ObjectProvider<JavaMailSender> mailSender, EventSettings settings, String from,
            Clock clock) {
        this.json = json;
        this.mailSender = mailSender;
        this.settings = settings;
        this.from = from;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.delivery().timeout()).build();
    }

    boolean canMail() {
        return mailSender.getIfAvailable() != null;
    }

    void send(OutboxRepository.Row row, Subscribers.Subscriber subscriber) throws DeliveryFailure {
        try {
            switch (subscriber.kind()) {
                case WEBHOOK -> post(subscriber.url(), row.payload(), signed(row, subscriber));
                case SLACK -> post(subscriber.url(), slack(summary(row)), Map.of());
                case TEAMS -> post(subscriber.url(), teams(summary(row)), Map.of());
            }
        } catch (IOException e) {
            throw new DeliveryFailure(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure("interrupted", e);
        }
    }

    void mail(OutboxRepository.Row row) throws DeliveryFailure {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            throw new DeliveryFailure("no mail host configured (spring.mail.host)", null);
        }
        try {
            JsonNode mail = json.readTree(row.payload());
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(from);
            message.setTo(mail.path("to").asText());
            message.setSubject(mail.path("subject").asText());
            message.setText(mail.path("text").asText());
            sender.send(message);
        } catch (IOException | RuntimeException e) {
            throw new DeliveryFailure(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Slack's incoming-webhook message: text, with the same text as a section block. */
    String slack(String summary) throws IOException {
        return json.writeValueAsString(Map.of("text", summary, "blocks", List.of(Map.of("type", "section",
                "text", Map.of("type", "mrkdwn", "text", summary)))));
    }

    /** Microsoft Teams' incoming-webhook (and Workflows) message: one Adaptive Card with the text. */
    String teams(String summary) throws IOException {
        Map<String, Object> card = Map.of("$schema", "http://adaptivecards.io/schemas/adaptive-card.json",
                "type", "AdaptiveCard", "version", "1.4",
                "body", List.of(Map.of("type", "TextBlock", "text", summary, "wrap", true)));
        return json.writeValueAsString(Map.of("type", "message", "attachments", List.of(Map.of(
                "contentType", "application/vnd.microsoft.card.adaptive", "content", card))));
    }

    private String summary(OutboxRepository.Row row) throws IOException {
        return json.readTree(row.payload()).path("summary").asText(row.eventType());
    }

    private Map<String, String> signed(OutboxRepository.Row row, Subscribers.Subscriber subscriber) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        return Map.of(Signature.TIMESTAMP_HEADER, timestamp,
                Signature.HEADER, Signature.sign(subscriber.secret(), timestamp, row.payload()),
                Signature.IDEMPOTENCY_HEADER, row.eventId(),
                Signature.EVENT_HEADER, row.eventType());
    }

    private void post(String url, String body, Map<String, String> headers)
            throws IOException, InterruptedException, DeliveryFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(settings.delivery().timeout())
                .header("Content-Type", "application/json").header("User-Agent", "Handoff")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String answer = response.body() == null ? "" : response.body();
            throw new DeliveryFailure("HTTP " + response.statusCode()
                    + (answer.isBlank() ? "" : ": " + answer.substring(0, Math.min(200, answer.length()))), null);
        }
    }
}
