package dev.handoff.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The text a rep reads on a Camunda Form of {@code forms/}: its text components with every {@code {{variable}}}
 * filled from the task's variables as Tasklist fills them (an unknown variable reads as nothing).
 */
public final class FormText {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

    public static String of(String form, Map<String, Object> variables) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Path.of("forms", form + ".form").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> texts = new ArrayList<>();
        collect(root, texts);
        Matcher m = PLACEHOLDER.matcher(String.join("\n\n", texts));
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            Object value = variables.get(m.group(1));
            m.appendReplacement(filled, Matcher.quoteReplacement(value == null ? "" : value.toString()));
        }
        return m.appendTail(filled).toString();
    }

    private static void collect(JsonNode node, List<String> texts) {
        for (JsonNode component : node.path("components")) {
            if ("text".equals(component.path("type").asText())) {
                texts.add(component.path("text").asText());
            }
            collect(component, texts);
        }
    }

    private FormText() {
    }
}
