package dev.handoff.platform;

import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonValue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.RequestBody;

/**
 * Request body examples that a capability sets from its {@code OpenApiCustomizer}, for examples that must be
 * worked out whenever the description is read: a lead's engagements or a content request's date, relative to now.
 */
public final class ApiExamples {

    /**
     * The {@code @Order} of a capability's customizer: before the platform's, which adds the shared answers and
     * the problem schema to every error answer, also those a capability's customizer declares.
     */
    public static final int CAPABILITY_ORDER = 0;

    /**
     * An example whose JSON the supplier makes each time the description is written. springdoc builds the
     * description once and keeps it, but writes it for every read, so the example stays true on a server that
     * has been running for weeks.
     */
    public static Object whenRead(Supplier<?> example) {
        return new WhenRead(example);
    }

    private record WhenRead(Supplier<?> example) {
        @JsonValue
        Object value() {
            return example.get();
        }
    }

    /** The example for every media type the operation's body takes; fails if there is no such operation. */
    public static void requestBody(OpenAPI api, PathItem.HttpMethod method, String path, Object example) {
        PathItem item = api.getPaths() == null ? null : api.getPaths().get(path);
        var operation = item == null ? null : item.readOperationsMap().get(method);
        RequestBody body = operation == null ? null : operation.getRequestBody();
        if (body == null || body.getContent() == null) {
            throw new IllegalStateException("No " + method + " " + path + " with a request body to give an example");
        }
        body.getContent().values().forEach(type -> type.setExample(example));
    }

    private ApiExamples() {
    }
}
