package dev.handoff.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The subscribers {@code handoff.events.subscribers} configures, checked at start. */
@Component
class Subscribers {

    /** The name mail goes out under; it is no configured subscriber. */
    static final String EMAIL = "email";

    record Subscriber(String name, EventSettings.Kind kind, String url, String secret, List<String> events) {

        boolean wants(String type) {
            return events.isEmpty() || events.contains(type);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Subscribers.class);

    private final Map<String, Subscriber> byName = new LinkedHashMap<>();

    Subscribers(EventSettings settings) {
        settings.subscribers().forEach((name, s) -> {
            if (EMAIL.equals(name)) {
                throw new IllegalStateException("handoff.events.subscribers." + EMAIL + ": the name is taken by mail");
            }
            if (s.url() == null || s.url().isBlank()) {
                log.info("Event subscriber {} is off: handoff.events.subscribers.{}.url is empty", name, name);
                return;
            }
            if (s.kind() == EventSettings.Kind.WEBHOOK && (s.secret() == null || s.secret().isBlank())) {
                throw new IllegalStateException("handoff.events.subscribers." + name + ".secret is empty: a webhook's "
                        + "events are signed with it (set it from the environment)");
            }
            byName.put(name, new Subscriber(name, s.kind(), s.url().trim(), s.secret(), List.copyOf(s.events())));
            log.info("Event subscriber {} ({}) gets {}", name, s.kind(), s.events().isEmpty() ? "every event"
                    : s.events());
        });
    }

    List<Subscriber> wanting(String type) {
        return byName.values().stream().filter(s -> s.wants(type)).toList();
    }

    Optional<Subscriber> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
