package dev.handoff.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param defaultCapacity open leads a rep may hold when no manager has set a capacity */
@ConfigurationProperties("handoff.routing")
public record RoutingSettings(@DefaultValue("25") int defaultCapacity) {
}
