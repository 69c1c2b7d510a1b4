package dev.handoff.content;

import static io.swagger.v3.oas.models.PathItem.HttpMethod.POST;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.handoff.platform.ApiExamples;
import dev.handoff.sla.BusinessTime;
import io.swagger.v3.oas.models.OpenAPI;

/** The content request example, needed two weeks after the day the description is read (never in the past). */
@Component
@Order(ApiExamples.CAPABILITY_ORDER)
class ContentApiExamples implements OpenApiCustomizer {

    private final BusinessTime businessTime;

    ContentApiExamples(BusinessTime businessTime) {
        this.businessTime = businessTime;
    }

    @Override
    public void customise(OpenAPI api) {
        ApiExamples.requestBody(api, POST, "/api/content-requests", ApiExamples.whenRead(() -> {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("type", "case_study");
            request.put("title", "Fintech case study for a CTO");
            request.put("need", "A 2-page story of a fintech that cut lead response time, for a CTO in evaluation");
            request.put("persona", "it-leader");
            request.put("neededBy", EngineClock.today(businessTime.hours().zone()).plusDays(14).toString());
            return request;
        }));
    }
}
