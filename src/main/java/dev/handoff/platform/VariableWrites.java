package dev.handoff.platform;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The engine's endpoints that write process variables directly, or drive an instance with variables of the
 * caller's choosing, on both ways into the engine: /engine-rest (also as /engine-rest/engine/{name}/…) and the
 * webapps' /camunda/api/engine/engine/{name}/…. Only admins may use them. Everyone else sets variables through
 * what the models offer: a start form, a task's form (submit-form, complete) and Handoff's API. The engine
 * cannot tell these apart by itself: the {@code UPDATE_INSTANCE} right that lets marketing record a repeat
 * lead's engagement (a message correlation) also lets them set any variable.
 * <p>
 * Reading stays the engine's business ({@code READ_VARIABLE} rights): {@code POST /variable-instance} is a
 * query, and no variable-instance endpoint writes.
 */
final class VariableWrites {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    /** After the engine's root: instance, execution and task variables, modifications, messages and signals. */
    private static final Pattern WRITES = Pattern.compile("(process-instance/[^/]+/variables(/.*)?"
            + "|process-instance/(variables|message)-async|process-instance/[^/]+/modification(-async)?"
            + "|modification/execute(Async)?|execution/[^/]+/localVariables(/.*)?|execution/[^/]+/signal"
            + "|execution/[^/]+/messageSubscriptions/[^/]+/trigger|task/[^/]+/(variables|localVariables)(/.*)?"
            + "|message|signal)/?");

    private final Pattern engineRoot;

    /** @param webappPath where the webapps live, e.g. /camunda */
    VariableWrites(String webappPath) {
        this.engineRoot = Pattern.compile("(/engine-rest(/engine/[^/]+)?|" + Pattern.quote(webappPath)
                + "/api/engine/engine/[^/]+)/(?<rest>.*)");
    }

    /** Whether this request (its decoded path, without the context path) writes variables directly. */
    boolean writes(String method, String path) {
        if (READS.contains(method)) {
            return false;
        }
        String rest = engineRelative(path);
        return rest != null && WRITES.matcher(rest).matches();
    }

    /** The path after the engine's root on either way in (e.g. {@code task/42/complete}), or null if none. */
    String engineRelative(String path) {
        var root = engineRoot.matcher(path.replaceAll("/{2,}", "/"));
        return root.matches() ? root.group("rest") : null;
    }
}
