package dev.handoff.identity;

import static dev.handoff.identity.Groups.*;
import static org.camunda.bpm.engine.authorization.Permissions.*;
import static org.camunda.bpm.engine.authorization.Resources.*;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_HISTORY_VARIABLE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_TASK_VARIABLE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;

/**
 * Who may do what in the engine, in one table. Tasks themselves are authorized by the engine as they are
 * created and assigned ({@link TaskAuthorizations}): the assignee, or the candidate groups of an unassigned
 * task, get read and work rights on that task only.
 */
final class AccessPolicy {

    record Grant(String group, Resource resource, String resourceId, List<Permission> permissions) {
    }

    static final String LEAD_LIFECYCLE = "lead-lifecycle";
    /**
     * A lead's processes: lead-lifecycle and the stages it calls. Who reads or oversees leads reads or oversees
     * them in every stage; only lead-lifecycle is started (the stages are started by its call activities).
     */
    static final List<String> LEAD_PROCESSES = List.of(LEAD_LIFECYCLE, "lead-qualification", "lead-nurture",
            "lead-sales-acceptance", "lead-follow-up", "lead-opportunity");
    static final String CONTENT_REQUEST = "content-request";
    static final String ALIGNMENT_REVIEW = "alignment-review";
    static final String AGREEMENT_CHANGE = "agreement-change";
    static final String MONTHLY_DIGEST = "monthly-digest";

    /** Which process definitions each group reads, and whether it may start them from Tasklist or the API. */
    private static final Map<String, List<String>> READS = Map.of(
            MARKETING_OPS, with(LEAD_PROCESSES, ALIGNMENT_REVIEW, AGREEMENT_CHANGE),
            DEMAND_GEN, with(LEAD_PROCESSES),
            CONTENT_MARKETING, List.of(CONTENT_REQUEST, MONTHLY_DIGEST),
            MARKETING_MANAGERS, with(LEAD_PROCESSES, CONTENT_REQUEST, ALIGNMENT_REVIEW, AGREEMENT_CHANGE,
                    MONTHLY_DIGEST),
            SDR, with(LEAD_PROCESSES, CONTENT_REQUEST),
            AE, with(LEAD_PROCESSES, CONTENT_REQUEST),
            SALES_MANAGERS, with(LEAD_PROCESSES, CONTENT_REQUEST, ALIGNMENT_REVIEW, AGREEMENT_CHANGE));
    /** Agreement changes: marketing ops and managers propose marketing's part, sales managers sales' part. */
    private static final Map<String, List<String>> STARTS = Map.of(
            MARKETING_OPS, List.of(LEAD_LIFECYCLE, AGREEMENT_CHANGE),
            DEMAND_GEN, List.of(LEAD_LIFECYCLE),
            MARKETING_MANAGERS, List.of(LEAD_LIFECYCLE, AGREEMENT_CHANGE),
            SDR, List.of(CONTENT_REQUEST),
            AE, List.of(CONTENT_REQUEST),
            SALES_MANAGERS, List.of(CONTENT_REQUEST, AGREEMENT_CHANGE),
            INTEGRATION, List.of(LEAD_LIFECYCLE));
    /** Managers oversee their side's processes: they see every instance and task and may reassign. */
    private static final Map<String, List<String>> OVERSEES = Map.of(
            MARKETING_MANAGERS, with(LEAD_PROCESSES, CONTENT_REQUEST, ALIGNMENT_REVIEW),
            SALES_MANAGERS, with(LEAD_PROCESSES, CONTENT_REQUEST, ALIGNMENT_REVIEW));

    private static List<String> with(List<String> keys, String... more) {
        List<String> all = new ArrayList<>(keys);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    static List<Grant> grants() {
        List<Grant> grants = new ArrayList<>();
        for (String group : HUMAN) {
            grants.add(new Grant(group, APPLICATION, "tasklist", List.of(ACCESS)));
            grants.add(new Grant(group, USER, "*", List.of(READ)));
            grants.add(new Grant(group, GROUP, "*", List.of(READ)));
        }
        READS.forEach((group, keys) -> keys.forEach(key ->
                grants.add(new Grant(group, PROCESS_DEFINITION, key, List.of(READ)))));
        STARTS.forEach((group, keys) -> {
            grants.add(new Grant(group, PROCESS_INSTANCE, "*", List.of(CREATE)));
            keys.forEach(key -> grants.add(new Grant(group, PROCESS_DEFINITION, key, List.of(READ, CREATE_INSTANCE))));
        });
        // Whoever moves a lead (capturing it, completing or rejecting a task) has the shared definitions
        // evaluated on their behalf: scoring, the MQL definition, routing.
        for (String group : List.of(MARKETING_OPS, DEMAND_GEN, CONTENT_MARKETING, MARKETING_MANAGERS, SDR, AE,
                SALES_MANAGERS, INTEGRATION)) {
            grants.add(new Grant(group, DECISION_DEFINITION, "*", List.of(READ, CREATE_INSTANCE)));
        }
        // Whoever captures leads records engagement on running leads by message correlation (a repeated lead
        // wakes its nurture), through Handoff's API, which runs as the caller.
        // The message reaches the stage instance waiting for it (nurture, opportunity).
        for (String key : LEAD_PROCESSES) {
            grants.add(new Grant(INTEGRATION, PROCESS_DEFINITION, key, List.of(READ_INSTANCE, UPDATE_INSTANCE)));
            for (String group : List.of(MARKETING_OPS, DEMAND_GEN, MARKETING_MANAGERS)) {
                grants.add(new Grant(group, PROCESS_DEFINITION, key, List.of(UPDATE_INSTANCE)));
            }
        }
        OVERSEES.forEach((group, keys) -> {
            grants.add(new Grant(group, APPLICATION, "cockpit", List.of(ACCESS)));
            grants.add(new Grant(group, DECISION_DEFINITION, "*", List.of(READ, READ_HISTORY)));
            grants.add(new Grant(group, DECISION_REQUIREMENTS_DEFINITION, "*", List.of(READ)));
            grants.add(new Grant(group, DEPLOYMENT, "*", List.of(READ)));
            keys.forEach(key -> grants.add(new Grant(group, PROCESS_DEFINITION, key,
                    List.of(READ, READ_INSTANCE, READ_HISTORY, READ_TASK, UPDATE_TASK, TASK_ASSIGN, TASK_WORK,
                            READ_INSTANCE_VARIABLE, READ_TASK_VARIABLE, READ_HISTORY_VARIABLE))));
        });
        // Both managers follow agreement changes in Cockpit, but work only the tasks given to them (the other
        // side's review, their own revision): no task-work right on the process, so nobody signs for the other side.
        for (String group : List.of(MARKETING_MANAGERS, SALES_MANAGERS)) {
            grants.add(new Grant(group, PROCESS_DEFINITION, AGREEMENT_CHANGE, List.of(READ, READ_INSTANCE,
                    READ_HISTORY, READ_INSTANCE_VARIABLE, READ_HISTORY_VARIABLE)));
        }
        // Marketing ops own the shared definitions: they deploy models from Camunda Modeler.
        grants.add(new Grant(MARKETING_OPS, DEPLOYMENT, "*", List.of(READ, CREATE)));
        grants.add(new Grant(MARKETING_OPS, PROCESS_DEFINITION, "*", List.of(READ)));
        grants.add(new Grant(MARKETING_OPS, DECISION_DEFINITION, "*", List.of(READ)));
        grants.add(new Grant(MARKETING_OPS, DECISION_REQUIREMENTS_DEFINITION, "*", List.of(READ)));
        for (Resources resource : Resources.values()) {
            grants.add(new Grant(ADMIN, resource, "*", List.of(Permissions.ALL)));
        }
        return grants;
    }

    private AccessPolicy() {
    }
}
