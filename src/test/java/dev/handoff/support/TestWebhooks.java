package dev.handoff.support;

import java.io.IOException;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * A webhook receiver inside every integration-test context, subscribed as a signed webhook ({@code test-crm}),
 * a Slack ({@code test-slack}) and a Teams ({@code test-teams}) chat, so that event tests share the context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestWebhooks {

    public static final String SECRET = "it-webhook-secret";

    @Bean(destroyMethod = "stop")
    WebhookReceiver webhookReceiver() throws IOException {
        return new WebhookReceiver();
    }

    @Bean
    DynamicPropertyRegistrar webhookSubscribers(WebhookReceiver receiver) {
        return registry -> {
            registry.add("handoff.events.subscribers.test-crm.kind", () -> "webhook");
            registry.add("handoff.events.subscribers.test-crm.url", () -> receiver.url("/crm"));
            registry.add("handoff.events.subscribers.test-crm.secret", () -> SECRET);
            registry.add("handoff.events.subscribers.test-slack.kind", () -> "slack");
            registry.add("handoff.events.subscribers.test-slack.url", () -> receiver.url("/slack"));
            registry.add("handoff.events.subscribers.test-slack.events", () -> "SLA_BREACHED,ESCALATED");
            registry.add("handoff.events.subscribers.test-teams.kind", () -> "teams");
            registry.add("handoff.events.subscribers.test-teams.url", () -> receiver.url("/teams"));
            registry.add("handoff.events.subscribers.test-teams.events", () -> "SLA_BREACHED,ESCALATED");
        };
    }
}
