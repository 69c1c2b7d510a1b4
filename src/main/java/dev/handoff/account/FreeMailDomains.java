package dev.handoff.account;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Domains anyone may have an address at (gmail.com, web.de, ...): they never match an account. The list ships in
 * {@code free-mail-domains.txt} beside this class; {@code handoff.accounts.free-mail-domains} adds more.
 */
@ConfigurationProperties("handoff.accounts")
public record FreeMailDomains(@DefaultValue List<String> freeMailDomains) {

    private static final Set<String> SHIPPED = load();

    public boolean contains(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return SHIPPED.contains(d) || freeMailDomains.stream().anyMatch(extra -> extra.equalsIgnoreCase(d));
    }

    private static Set<String> load() {
        try (InputStream in = FreeMailDomains.class.getResourceAsStream("free-mail-domains.txt")) {
            Set<String> domains = new TreeSet<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .forEach(line -> domains.add(line.toLowerCase(Locale.ROOT)));
            return Set.copyOf(domains);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
