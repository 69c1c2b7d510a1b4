package dev.handoff.agreement;

import static io.swagger.v3.oas.models.PathItem.HttpMethod.POST;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.handoff.platform.ApiExamples;
import dev.handoff.platform.EngineClock;
import io.swagger.v3.oas.models.OpenAPI;

/** A sales managers' proposal, effective a week after the day the description is read (never in the past). */
@Component
@Order(ApiExamples.CAPABILITY_ORDER)
class AgreementApiExamples implements OpenApiCustomizer {

    private final Agreements agreements;

    AgreementApiExamples(Agreements agreements) {
        this.agreements = agreements;
    }

    @Override
    public void customise(OpenAPI api) {
        ApiExamples.requestBody(api, POST, "/api/agreements/proposals", ApiExamples.whenRead(() -> {
            Map<String, Object> proposal = new LinkedHashMap<>();
            proposal.put("targetAcceptance", 0.85);
            proposal.put("objectiveSqls", 40);
            proposal.put("effectiveFrom", EngineClock.now().atZoneSameInstant(agreements.zone()).toLocalDate()
                    .plusDays(7).toString());
            proposal.put("summary", "Accept 85 % of MQLs while the new webinar leads settle; 40 SQLs a quarter");
            return proposal;
        }));
    }
}
