package dev.handoff.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param demo         seed the demo users (password = user id); off in the postgres profile
 * @param adminPassword the password of the {@code admin} user when it is first created outside the demo
 */
@ConfigurationProperties("handoff.identity")
public record IdentityProperties(boolean demo, String adminPassword) {
}
