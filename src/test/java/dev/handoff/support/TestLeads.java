package dev.handoff.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.handoff.platform.EngineClock;

/** Request bodies of {@code POST /api/leads} for tests of every package. */
public final class TestLeads {

    /** A VP of sales at a mid-size software company who asked for a demo an hour ago: an MQL. */
    public static Map<String, Object> vp(String externalId) {
        Map<String, Object> body = new HashMap<>();
        if (externalId != null) {
            body.put("externalId", externalId);
        }
        body.put("firstName", "Vera");
        body.put("lastName", "Vice");
        body.put("email", "vera-" + UUID.randomUUID() + "@acme.example");
        body.put("phone", "+49 30 1234");
        body.put("jobTitle", "VP Sales");
        body.put("company", "Acme");
        body.put("companySize", 500);
        body.put("industry", "Software");
        body.put("country", "DE");
        body.put("source", "inbound");
        body.put("engagements", List.of(engagement("demo_request", 1)));
        return body;
    }

    public static Map<String, Object> engagement(String type, int hoursAgo) {
        return Map.of("type", type, "occurredAt", EngineClock.now().minusHours(hoursAgo).toString());
    }

    private TestLeads() {
    }
}
