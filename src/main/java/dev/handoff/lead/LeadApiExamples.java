package dev.handoff.lead;

import static io.swagger.v3.oas.models.PathItem.HttpMethod.POST;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.handoff.platform.ApiExamples;
import dev.handoff.platform.EngineClock;
import io.swagger.v3.oas.models.OpenAPI;

/**
 * Request examples of the lead API, dated from the engine's clock whenever the description is read: engagement
 * counts half after {@code handoff.leads.engagement-half-life}, so an example with fixed dates would stop being
 * an MQL some weeks after it was written.
 */
@Component
@Order(ApiExamples.CAPABILITY_ORDER)
class LeadApiExamples implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI api) {
        ApiExamples.requestBody(api, POST, "/api/leads", ApiExamples.whenRead(() -> mql(now())));
        ApiExamples.requestBody(api, POST, "/api/leads/{id}/engagements", ApiExamples.whenRead(() ->
                Map.of("engagements", List.of(engagement("webinar", now().minusHours(3))))));
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("outcome", "won");
        outcome.put("amount", 48000);
        ApiExamples.requestBody(api, POST, "/api/leads/{id}/outcome", outcome);
        ApiExamples.requestBody(api, POST, "/api/leads/import", ApiExamples.whenRead(() -> csv(now())));
    }

    private static OffsetDateTime now() {
        return EngineClock.now().truncatedTo(ChronoUnit.MINUTES);
    }

    /**
     * A lead that processes/mql-definition.dmn judges an MQL: every required field, fit 85 of processes/lead-fit.dmn
     * (C-level 35, 1,000 employees or more 30, software 20; at least 50 needed) and engagement 60 of
     * processes/engagement-points.dmn (demo request 40, pricing page 20, both within the last hours; 25 needed).
     */
    static Map<String, Object> mql(OffsetDateTime now) {
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("externalId", "crm-0042");
        lead.put("firstName", "Ada");
        lead.put("lastName", "Byron");
        lead.put("email", "ada.byron@engines.example");
        lead.put("phone", "+44 20 7946 0042");
        lead.put("jobTitle", "CTO");
        lead.put("company", "Analytical Engines Ltd");
        lead.put("companySize", 1200);
        lead.put("industry", "Software");
        lead.put("country", "GB");
        lead.put("source", "inbound");
        lead.put("campaign", "pricing-webinar");
        lead.put("engagements", List.of(engagement("demo_request", now.minusHours(1)),
                engagement("pricing_page", now.minusHours(2))));
        return lead;
    }

    private static String csv(OffsetDateTime now) {
        return """
                externalId,firstName,lastName,email,phone,jobTitle,company,companySize,industry,country,source,\
                campaign,engagements
                crm-0043,Grace,Hopper,grace.hopper@compilers.example,+1 202 555 0143,VP Engineering,Compilers Inc,\
                450,SaaS,US,event,devcon,event_visit@%s;demo_request@%s
                crm-0044,Alan,Turing,alan.turing@bombe.example,+44 161 496 0044,Student,Bombe Lab,5,Education,GB,\
                inbound,,content_download@%s
                """.formatted(now.minusDays(1), now.minusHours(4), now.minusDays(2));
    }

    private static Map<String, Object> engagement(String type, OffsetDateTime at) {
        Map<String, Object> engagement = new LinkedHashMap<>();
        engagement.put("type", type);
        engagement.put("occurredAt", at.toString());
        return engagement;
    }
}
