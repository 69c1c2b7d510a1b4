package dev.handoff.platform;

import static org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The description of Handoff's API at /v3/api-docs and /swagger-ui.html. Controllers say what each operation
 * does and which answers come from its own rules (403, 404, 409); this adds what every operation shares: HTTP
 * basic authentication and its 401, 400 for an unreadable body or parameter, 415 for a JSON body of another media
 * type, and the problem-details schema on every error.
 */
@Configuration
class ApiDocumentation {

    static final String BASIC_AUTH = "basicAuth";
    static final String PROBLEM_JSON = "application/problem+json";

    /** Every error answer of the API (RFC 9457), as {@link ApiProblemHandler} and {@link Problems} write it. */
    @Schema(name = "Problem", description = "RFC 9457 problem details")
    record Problem(
            @Schema(description = "What kind of problem; about:blank when the status says it all",
                    example = "https://handoff.dev/problems/invalid-input") URI type,
            @Schema(description = "Short summary of the kind of problem", example = "Invalid input") String title,
            @Schema(description = "The HTTP status", example = "400") int status,
            @Schema(description = "What went wrong with this request",
                    example = "The request has 1 invalid field: email") String detail,
            @Schema(description = "The request path", example = "/api/leads") URI instance,
            @Schema(description = "Only on 400 for invalid input: every invalid field with its message")
            List<FieldProblem> errors) {
    }

    @Bean
    OpenAPI handoffApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        Components components = new Components().addSecuritySchemes(BASIC_AUTH, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("A Handoff (Camunda) user and password; the demo users' password is their id."));
        return new OpenAPI().components(components).info(new Info()
                .title("Handoff API")
                .version(properties != null ? properties.getVersion() : "development")
                .description("""
                        Leads, their handoff from marketing to sales under the SLA, content requests and the \
                        alignment reports. Sign in with HTTP basic (Authorize) or an open Camunda webapp session; \
                        what you may do follows your groups. Every error is RFC 9457 problem details \
                        (application/problem+json); invalid input names each field in `errors`."""));
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    OpenApiCustomizer sharedAnswers() {
        return api -> {
            ModelConverters.getInstance().readAll(Problem.class).forEach(api.getComponents()::addSchemas);
            api.getPaths().forEach((path, item) -> {
                if (path.startsWith("/api/")) {
                    item.readOperations().forEach(ApiDocumentation::addSharedAnswers);
                }
            });
        };
    }

    private static void addSharedAnswers(Operation operation) {
        operation.addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
        ApiResponses responses = operation.getResponses();
        if (operation.getRequestBody() != null) {
            responses.putIfAbsent("400", new ApiResponse().description("The body is invalid: `errors` names fields"));
            // Only a JSON body's 415 is problem details: an operation that names what it consumes (the CSV import)
            // is not even matched for another media type, and that 415 is Spring Boot's own error body.
            if (operation.getRequestBody().getContent().containsKey(APPLICATION_JSON_VALUE)) {
                responses.putIfAbsent("415", new ApiResponse().description("The body is not JSON"));
            }
        } else if (operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> !plainText(p))) {
            responses.putIfAbsent("400", new ApiResponse().description("A parameter is invalid: `errors` names it"));
        }
        responses.putIfAbsent("401", new ApiResponse().description("Not signed in: no or wrong credentials"));
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                if (response.getDescription() == null || response.getDescription().isBlank()) {
                    response.setDescription(HttpStatus.valueOf(Integer.parseInt(code)).getReasonPhrase());
                }
                response.setContent(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(
                        new io.swagger.v3.oas.models.media.Schema<>().$ref("#/components/schemas/Problem"))));
            }
        });
        // Answers in the order of their status codes, as a reader looks for them.
        ApiResponses sorted = new ApiResponses();
        responses.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> sorted.addApiResponse(e.getKey(),
                e.getValue()));
        operation.setResponses(sorted);
    }

    /** A parameter any text fits, so it cannot fail to convert: a 400 then comes only from the operation's rules. */
    private static boolean plainText(Parameter parameter) {
        var schema = parameter.getSchema();
        return schema != null && "string".equals(schema.getType() != null ? schema.getType()
                : schema.getTypes() == null ? null : schema.getTypes().iterator().next())
                && schema.getFormat() == null && schema.getEnum() == null && schema.getPattern() == null
                && schema.getMinimum() == null && schema.getMaximum() == null;
    }
}
