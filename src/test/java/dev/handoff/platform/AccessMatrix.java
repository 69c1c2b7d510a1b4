package dev.handoff.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who gets which answer from every family of endpoints: Handoff's API, the engine's REST API, the webapps'
 * API and Actuator, for each demo group and for a caller without credentials. {@link AccessMatrixIT} calls
 * every cell; {@link AccessMatrixReadmeTest} keeps the README's table ("Who may call what") the same as
 * {@link #markdown()}. One place to change both.
 */
final class AccessMatrix {

    /** How a role calls: HTTP basic, or (for /camunda/api) the session of a webapp login. */
    enum Way { BASIC, SESSION }

    /** A column: the group and its demo user; anonymous has neither. */
    record Role(String group, String user) {
        String header() {
            return user == null ? "anonymous" : "`" + group + "` (" + user + ")";
        }
    }

    /**
     * A row: one representative request of a family. The path may hold {lead} (an MQL routed to another SDR
     * than sam), {nurtured} (a lead in nurture, owned by nobody; {nurturedNumber} its number), {instance}
     * ({lead}'s process instance), {task} ({lead}'s "Accept or reject lead", assigned to its owner) and {erasable} (a
     * lead of its own, for erasure); {owner} in a body is that owner.
     */
    record Row(String family, Way way, String method, String path, String body, List<String> expected) {
    }

    static final List<Role> ROLES = List.of(new Role(null, null), new Role("camunda-admin", "admin"),
            new Role("marketing-ops", "mona"), new Role("demand-gen", "dean"),
            new Role("content-marketing", "cora"), new Role("marketing-managers", "mark"), new Role("sdr", "sam"),
            new Role("ae", "alex"), new Role("sales-managers", "sally"), new Role("integration", "intake"));

    private static final String PROBE = "{\"value\":\"probe\",\"type\":\"String\"}";
    /** A second "Accept or reject lead" on {lead}, without listeners: the instance keeps waiting. */
    private static final String MODIFICATION = "{\"skipCustomListeners\":true,\"skipIoMappings\":true,"
            + "\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"Task_AcceptLead\"}]}";
    /** The engagement message to {nurtured}, which waits for it, with a variable of the caller's choosing. */
    private static final String MESSAGE = "{\"messageName\":\"EngagementRecorded\",\"businessKey\":"
            + "\"{nurturedNumber}\",\"all\":true,\"processVariables\":{\"matrixProbe\":" + PROBE + "}}";
    /** Only admins write process variables directly (EngineAccessGuard), whatever the engine's rights allow. */
    private static final String ADMIN_ONLY = "401 204 403 403 403 403 403 403 403 403";
    private static final String WEBAPP_ADMIN_ONLY = "401 204 403 403 403 403 403 403 403 401";

    /** "—": not applicable (anonymous has nobody to sign in as). */
    static final List<Row> ROWS = List.of(
            row("Leads: list", Way.BASIC, "GET /api/leads?size=1", null,
                    "401 200 200 200 403 200 200 200 200 200"),
            row("Leads: another rep's lead", Way.BASIC, "GET /api/leads/{lead}", null,
                    "401 200 200 200 403 200 403 403 200 200"),
            row("Leads: capture", Way.BASIC, "POST /api/leads", "LEAD",
                    "401 201 201 201 403 201 403 403 403 201"),
            row("Leads: repeat engagement", Way.BASIC, "POST /api/leads/{nurtured}/engagements", "ENGAGEMENT",
                    "401 202 202 202 403 202 403 403 403 202"),
            row("Leads: CSV import", Way.BASIC, "POST /api/leads/import", "CSV",
                    "401 200 200 200 403 200 403 403 403 200"),
            row("Leads: deal outcome (lead not an opportunity)", Way.BASIC, "POST /api/leads/{nurtured}/outcome",
                    "{\"outcome\":\"won\",\"amount\":1}", "401 409 403 403 403 403 403 409 409 409"),
            row("Reps: list", Way.BASIC, "GET /api/reps", null, "401 200 200 200 200 200 200 200 200 200"),
            row("Reps: availability", Way.BASIC, "PUT /api/reps/ava", "{\"active\":true,\"available\":true}",
                    "401 200 403 403 403 403 403 403 200 403"),
            row("Content: request", Way.BASIC, "POST /api/content-requests", "CONTENT",
                    "401 201 403 403 403 403 201 201 201 403"),
            row("Content: hub", Way.BASIC, "GET /api/content", null, "401 200 200 200 200 200 200 200 200 403"),
            row("Reports", Way.BASIC, "GET /api/reports/funnel", null, "401 200 403 403 403 200 403 403 200 403"),
            row("Leads: export the person's data", Way.BASIC, "GET /api/leads/{nurtured}/export", null,
                    "401 200 200 403 403 200 403 403 200 403"),
            row("Leads: erase the person", Way.BASIC, "POST /api/leads/{erasable}/erasure", null,
                    "401 200 200 403 403 200 403 403 200 403"),
            row("Accounts: list", Way.BASIC, "GET /api/accounts?size=1", null,
                    "401 200 200 200 200 200 200 200 200 200"),
            row("Accounts: create", Way.BASIC, "POST /api/accounts", "ACCOUNT",
                    "401 201 201 403 403 403 403 403 201 403"),
            row("Accounts: CSV import", Way.BASIC, "POST /api/accounts/import", "ACCOUNT_CSV",
                    "401 200 200 403 403 403 403 403 200 403"),
            row("Agreements: in force", Way.BASIC, "GET /api/agreements/current", null,
                    "401 200 200 200 200 200 200 200 200 403"),
            row("Agreements: stray deployments", Way.BASIC, "GET /api/agreements/findings", null,
                    "401 200 200 200 200 200 200 200 200 403"),
            row("Agreements: propose (without a summary)", Way.BASIC, "POST /api/agreements/proposals", "{}",
                    "401 403 400 403 403 400 403 403 400 403"),
            row("Content: marketing's events", Way.BASIC, "GET /api/content/events", null,
                    "401 200 200 200 200 200 200 200 200 200"),
            row("Content: add an event", Way.BASIC, "POST /api/content/events", "EVENT",
                    "401 201 201 201 201 201 403 403 403 403"),
            row("Content: past digests", Way.BASIC, "GET /api/content/digests", null,
                    "401 200 200 200 200 200 200 200 200 200"),
            row("Outbox: failed deliveries", Way.BASIC, "GET /api/outbox/failed", null,
                    "401 200 403 403 403 403 403 403 403 403"),
            row("Outbox: retry a delivery (no such row)", Way.BASIC, "POST /api/outbox/999999999/retry", null,
                    "401 404 403 403 403 403 403 403 403 403"),
            row("Outbox: retry a subscriber's deliveries", Way.BASIC,
                    "POST /api/outbox/failed/retry?subscriber=matrix-probe", null,
                    "401 200 403 403 403 403 403 403 403 403"),
            row("Engine REST: engine list", Way.BASIC, "GET /engine-rest/engine", null,
                    "401 200 200 200 200 200 200 200 200 403"),
            row("Engine REST: process definitions", Way.BASIC, "GET /engine-rest/process-definition", null,
                    "401 200 200 200 200 200 200 200 200 403"),
            row("Engine REST: a lead's variables", Way.BASIC, "GET /engine-rest/process-instance/{instance}/variables",
                    null, "401 200 403 403 403 200 403 403 200 403"),
            row("Engine REST: set a lead's variable", Way.BASIC,
                    "PUT /engine-rest/process-instance/{instance}/variables/matrixProbe", PROBE, ADMIN_ONLY),
            row("Engine REST: set a lead's variable (engine named)", Way.BASIC,
                    "PUT /engine-rest/engine/default/process-instance/{instance}/variables/matrixProbe", PROBE,
                    ADMIN_ONLY),
            row("Engine REST: modify a lead's variables", Way.BASIC,
                    "POST /engine-rest/process-instance/{instance}/variables", "{\"modifications\":{\"matrixProbe\":"
                            + PROBE + "}}", ADMIN_ONLY),
            row("Engine REST: delete a lead's variable", Way.BASIC,
                    "DELETE /engine-rest/process-instance/{instance}/variables/matrixProbe", null, ADMIN_ONLY),
            row("Engine REST: set a lead's variable on its execution", Way.BASIC,
                    "PUT /engine-rest/execution/{instance}/localVariables/matrixProbe", PROBE, ADMIN_ONLY),
            row("Engine REST: set a lead's variable through its task", Way.BASIC,
                    "PUT /engine-rest/task/{task}/variables/matrixProbe", PROBE, ADMIN_ONLY),
            row("Engine REST: modify a lead's instance", Way.BASIC,
                    "POST /engine-rest/process-instance/{instance}/modification", MODIFICATION, ADMIN_ONLY),
            row("Engine REST: correlate a message with variables", Way.BASIC, "POST /engine-rest/message",
                    MESSAGE, ADMIN_ONLY),
            row("Engine REST: another rep's task variables", Way.BASIC, "GET /engine-rest/task/{task}/variables",
                    null, "401 200 403 403 403 200 403 403 200 403"),
            row("Engine REST: reassign another rep's task", Way.BASIC, "POST /engine-rest/task/{task}/assignee",
                    "{\"userId\":\"{owner}\"}", "401 204 403 403 403 204 403 403 204 403"),
            row("Engine REST: Tasklist filters", Way.BASIC, "GET /engine-rest/filter", null,
                    "401 200 200 200 200 200 200 200 200 403"),
            row("Webapps: login", Way.SESSION, "POST /camunda/api/admin/auth/user/default/login/welcome", "LOGIN",
                    "— 200 200 200 200 200 200 200 200 401"),
            row("Webapps: engine names (the login page reads them first)", Way.SESSION,
                    "GET /camunda/api/engine/engine/", null, "200 200 200 200 200 200 200 200 200 200"),
            row("Webapps: a lead's variables", Way.SESSION,
                    "GET /camunda/api/engine/engine/default/process-instance/{instance}/variables", null,
                    "401 200 403 403 403 200 403 403 200 401"),
            row("Webapps: another rep's task variables", Way.SESSION,
                    "GET /camunda/api/engine/engine/default/task/{task}/variables", null,
                    "401 200 403 403 403 200 403 403 200 401"),
            row("Webapps: set a lead's variable", Way.SESSION,
                    "PUT /camunda/api/engine/engine/default/process-instance/{instance}/variables/matrixProbe", PROBE,
                    WEBAPP_ADMIN_ONLY),
            row("Webapps: set a lead's variable on its execution", Way.SESSION,
                    "POST /camunda/api/engine/engine/default/execution/{instance}/localVariables",
                    "{\"modifications\":{\"matrixProbe\":" + PROBE + "}}", WEBAPP_ADMIN_ONLY),
            row("Webapps: modify a lead's instance", Way.SESSION,
                    "POST /camunda/api/engine/engine/default/process-instance/{instance}/modification", MODIFICATION,
                    WEBAPP_ADMIN_ONLY),
            row("Webapps: correlate a message with variables", Way.SESSION,
                    "POST /camunda/api/engine/engine/default/message", MESSAGE, WEBAPP_ADMIN_ONLY),
            row("Webapps: Cockpit plugin API", Way.SESSION,
                    "GET /camunda/api/cockpit/plugin/base/default/process-definition/statistics", null,
                    "401 200 403 403 403 200 403 403 200 401"),
            row("Webapps: signed-in user", Way.SESSION, "GET /camunda/api/admin/auth/user/default", null,
                    "404 200 200 200 200 200 200 200 200 404"),
            row("Error page, called directly", Way.BASIC, "GET /error", null,
                    "404 404 404 404 404 404 404 404 404 404"),
            row("Actuator: health", Way.BASIC, "GET /actuator/health", null, "200 200 200 200 200 200 200 200 200 200"),
            row("Actuator: other endpoints", Way.BASIC, "GET /actuator/env", null,
                    "401 200 403 403 403 403 403 403 403 403"));

    private static Row row(String family, Way way, String request, String body, String expected) {
        int space = request.indexOf(' ');
        List<String> cells = List.of(expected.split(" "));
        if (cells.size() != ROLES.size()) {
            throw new IllegalArgumentException(family + ": " + cells.size() + " cells for " + ROLES.size() + " roles");
        }
        return new Row(family, way, request.substring(0, space), request.substring(space + 1), body, cells);
    }

    /** The table as the README shows it, with these cells (expected or measured). */
    static String markdown(Map<Row, List<String>> cells) {
        StringBuilder md = new StringBuilder("| Endpoint | Request |");
        ROLES.forEach(role -> md.append(' ').append(role.header()).append(" |"));
        md.append("\n|---|---|");
        ROLES.forEach(role -> md.append("---|"));
        md.append('\n');
        cells.forEach((row, values) -> {
            md.append("| ").append(row.family()).append(" | `").append(row.method()).append(' ')
                    .append(row.path()).append("` |");
            values.forEach(value -> md.append(' ').append(value).append(" |"));
            md.append('\n');
        });
        return md.toString();
    }

    static String markdown() {
        Map<Row, List<String>> expected = new LinkedHashMap<>();
        ROWS.forEach(row -> expected.put(row, row.expected()));
        return markdown(expected);
    }

    static List<String> users() {
        List<String> users = new ArrayList<>();
        ROLES.forEach(role -> users.add(role.user()));
        return users;
    }

    private AccessMatrix() {
    }
}
