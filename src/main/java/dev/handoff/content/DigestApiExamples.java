package dev.handoff.content;

import static io.swagger.v3.oas.models.PathItem.HttpMethod.POST;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.handoff.platform.ApiExamples;
import io.swagger.v3.oas.models.OpenAPI;

/** The request example of an event for the monthly digest, a month after the description is read. */
@Component
@Order(ApiExamples.CAPABILITY_ORDER)
class DigestApiExamples implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI api) {
        ApiExamples.requestBody(api, POST, "/api/content/events", ApiExamples.whenRead(() -> {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("name", "Customer roadshow Berlin");
            event.put("startsOn", EngineClock.now().toLocalDate().plusMonths(1).toString());
            event.put("link", "https://events.example/roadshow-berlin");
            return event;
        }));
    }
}
