package dev.handoff.account;

import static io.swagger.v3.oas.models.PathItem.HttpMethod.POST;
import static io.swagger.v3.oas.models.PathItem.HttpMethod.PUT;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.handoff.platform.ApiExamples;
import io.swagger.v3.oas.models.OpenAPI;

/** Request examples of the account API: an account owned by an SDR of the demo users. */
@Component
@Order(ApiExamples.CAPABILITY_ORDER)
class AccountApiExamples implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI api) {
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("name", "Globex Corporation");
        account.put("domains", List.of("globex.example", "globex-eu.example"));
        account.put("owner", "sam");
        account.put("team", "sdr");
        account.put("tier", "strategic");
        ApiExamples.requestBody(api, POST, "/api/accounts", account);
        ApiExamples.requestBody(api, PUT, "/api/accounts/{id}", account);
        ApiExamples.requestBody(api, POST, "/api/accounts/import", """
                name,domains,owner,team,tier
                Globex Corporation,globex.example;globex-eu.example,sam,sdr,strategic
                Initech,initech.example,steve,sdr,
                """);
    }
}
