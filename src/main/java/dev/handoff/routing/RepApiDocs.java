package dev.handoff.routing;

import static io.swagger.v3.oas.models.PathItem.HttpMethod.GET;
import static io.swagger.v3.oas.models.PathItem.HttpMethod.PUT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.handoff.platform.ApiExamples;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The description of {@link RepController}'s operations, kept beside it rather than as annotations on it while
 * routing changes on another branch; move them onto the controller as annotations once that has settled.
 */
@Component
@Order(ApiExamples.CAPABILITY_ORDER)
class RepApiDocs implements OpenApiCustomizer {

    static final String TAG = "Reps";

    @Override
    public void customise(OpenAPI api) {
        api.addTagsItem(new Tag().name(TAG)
                .description("Reps' availability and capacity, which routing reads for every MQL"));
        Operation list = operation(api, GET, "/api/reps").summary("List a team's reps").description("""
                Every member of the team with availability, capacity, open leads and when a lead was last routed to \
                them (round robin picks who was assigned least recently). For everybody signed in.""");
        list.getParameters().get(0).description("The team (group): sdr, ae, ...; an unknown team has no reps");
        Operation get = operation(api, GET, "/api/reps/{userId}").summary("Read a rep")
                .description("One rep's availability, capacity and open leads. For everybody signed in.");
        get.getParameters().get(0).description("The rep's user id");
        get.getResponses().addApiResponse("404", new ApiResponse().description("No user with this id"));
        Operation update = operation(api, PUT, "/api/reps/{userId}").summary("Change a rep's availability or capacity")
                .description("""
                        Fields left out keep their value. `available: false` with `availableFrom` marks an absence \
                        until then; `active: false` takes the rep out of routing. For sales-managers.""");
        update.getParameters().get(0).description("The rep's user id");
        update.getResponses()
                .addApiResponse("403", new ApiResponse().description("Not a sales manager"))
                .addApiResponse("404", new ApiResponse().description("No user with this id"));
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("available", true);
        example.put("capacity", 30);
        ApiExamples.requestBody(api, PUT, "/api/reps/{userId}", example);
    }

    private static Operation operation(OpenAPI api, PathItem.HttpMethod method, String path) {
        Operation operation = api.getPaths().get(path).readOperationsMap().get(method);
        operation.setTags(List.of(TAG));
        return operation;
    }
}
