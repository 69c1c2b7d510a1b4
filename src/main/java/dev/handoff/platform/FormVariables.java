package dev.handoff.platform;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A form sets the variables it has fields for, and no others. Completing a task (complete, submit-form, resolve)
 * or starting a process (start, submit-form) carries variables of the caller's choosing, and the engine writes
 * them all into the instance: an SDR completing "Accept or reject lead" could also set {@code owner} or
 * {@code breachCount} for the steps after it. So, on both ways into the engine, the variables of such a request
 * must be fields of the task's or the start event's Camunda form (as deployed: a field added in Modeler counts
 * at once); anything else is refused with 400 naming it, before the engine sees the request. Admins, who may
 * write variables directly anyway ({@link VariableWrites}), are not held to it.
 */
final class FormVariables {

    /** Larger bodies are no form's: refused before they are read. */
    static final int MAX_BODY = 1 << 20;

    private static final Pattern TASK = Pattern.compile("task/(?<id>[^/]+)/(complete|submit-form|resolve)/?");
    private static final Pattern START = Pattern.compile(
            "process-definition/(key/(?<key>[^/]+)(/tenant-id/[^/]+)?|(?<id>[^/]+))/(start|submit-form)/?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProcessEngine engine;

    FormVariables(ProcessEngine engine) {
        this.engine = engine;
    }

    /** Whether the request (method, path after the engine's root) completes a task or starts a process. */
    static boolean applies(String method, String rest) {
        return rest != null && "POST".equals(method) && (TASK.matcher(rest).matches()
                || START.matcher(rest).matches());
    }

    /**
     * The variables of this body that its form has no field for, as problems naming them; none when the body is
     * no JSON object with variables (the engine answers that) or the task or process does not exist (likewise).
     */
    List<FieldProblem> strays(String rest, byte[] body) {
        Set<String> names = variableNames(body);
        if (names.isEmpty()) {
            return List.of();
        }
        Set<String> fields = fields(rest);
        if (fields == null) {
            return List.of();
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (String name : names) {
            if (!fields.contains(name)) {
                problems.add(new FieldProblem("variables." + name, "is no field of this form (its fields: "
                        + String.join(", ", fields) + ")"));
            }
        }
        return problems;
    }

    private static Set<String> variableNames(byte[] body) {
        try {
            JsonNode variables = JSON.readTree(body).path("variables");
            Set<String> names = new LinkedHashSet<>();
            variables.fieldNames().forEachRemaining(names::add);
            return names;
        } catch (Exception e) {
            return Set.of();
        }
    }

    /** The form's field keys, or null when there is no task or process to answer for. */
    private Set<String> fields(String rest) {
        Matcher task = TASK.matcher(rest);
        if (task.matches()) {
            String id = task.group("id");
            if (engine.getTaskService().createTaskQuery().taskId(id).count() == 0) {
                return null;
            }
            return keys(() -> engine.getFormService().getDeployedTaskForm(id));
        }
        Matcher start = START.matcher(rest);
        if (!start.matches()) {
            return null;
        }
        ProcessDefinition definition = start.group("key") != null
                ? engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(start.group("key"))
                        .latestVersion().singleResult()
                : engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionId(start.group("id"))
                        .singleResult();
        if (definition == null) {
            return null;
        }
        return keys(() -> engine.getFormService().getDeployedStartForm(definition.getId()));
    }

    private interface FormSource {
        InputStream open();
    }

    /**
     * The keys of the form's fields; none for a task or start event without a Camunda form; null when the caller
     * may not read it (the engine then refuses the request itself).
     */
    private static Set<String> keys(FormSource source) {
        try (InputStream in = source.open()) {
            Set<String> keys = new LinkedHashSet<>();
            collect(JSON.readTree(in).path("components"), keys);
            return keys;
        } catch (AuthorizationException e) {
            return null;
        } catch (Exception noCamundaForm) {
            return Set.of();
        }
    }

    private static void collect(JsonNode components, Set<String> keys) {
        for (Iterator<JsonNode> it = components.elements(); it.hasNext();) {
            JsonNode component = it.next();
            // A field's key; a group or dynamic list with a path submits its fields under that name.
            for (String name : List.of("key", "path")) {
                if (component.path(name).isTextual() && !component.path(name).asText().isBlank()) {
                    keys.add(component.path(name).asText());
                }
            }
            if (!component.has("path")) {
                collect(component.path("components"), keys);
            }
        }
    }
}
