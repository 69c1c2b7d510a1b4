package dev.handoff.lead;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionInputInstanceEntity;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The engine: the lead's process instances (and those they called) are deleted, running or not, with their whole
 * history (variables and their details, tasks, activity instances, decision instances of business rule tasks,
 * operation log, comments, attachments, identity links, job and incident logs, and the byte arrays behind them).
 * Decisions Handoff evaluated on the lead's behalf outside a process (scoring, the MQL definition) are deleted
 * where an input holds the lead's email.
 * <p>
 * Handoff has checked the caller's group; the engine's own authorization, which would ask for history rights no
 * person has, is not asked, so /engine-rest and Cockpit give nobody a way to erase history.
 */
@Component
@Order(2)
class EngineErasure implements PersonalDataStore {

    static final String REASON = "personal data erased";

    private final RuntimeService runtime;
    private final HistoryService history;
    private final ManagementService management;
    private final IdentityService identity;

    EngineErasure(RuntimeService runtime, HistoryService history, ManagementService management,
            IdentityService identity) {
        this.runtime = runtime;
        this.history = history;
        this.management = management;
        this.identity = identity;
    }

    @Override
    public String what() {
        return "the engine's process instances, history and decision instances";
    }

    @Override
    public int erase(Subject subject) {
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            List<String> instances = instances(subject.number());
            if (!instances.isEmpty()) {
                deleteInstances(instances);
            }
            List<String> decisions = decisionsWithInput(subject.email());
            decisions.forEach(history::deleteHistoricDecisionInstanceByInstanceId);
            return instances.size() + decisions.size();
        } finally {
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
    }

    /**
     * Deletes these instances, running and historic; never with an empty list, which the engine's queries refuse
     * (a lead erased before has none left, and repeating an erasure must stay harmless).
     */
    private void deleteInstances(List<String> instances) {
        // Only the outermost running instances: deleting lead-lifecycle deletes the stage it called with it
        // (deleting both in one call fails on the one already gone).
        Set<String> called = history.createHistoricProcessInstanceQuery().processInstanceIds(Set.copyOf(instances))
                .list().stream().filter(h -> h.getSuperProcessInstanceId() != null
                        && instances.contains(h.getSuperProcessInstanceId()))
                .map(HistoricProcessInstance::getId).collect(java.util.stream.Collectors.toSet());
        List<String> running = runtime.createProcessInstanceQuery().processInstanceIds(Set.copyOf(instances))
                .list().stream().map(p -> p.getId()).filter(id -> instances.contains(id) && !called.contains(id))
                .toList();
        if (!running.isEmpty()) {
            runtime.deleteProcessInstancesIfExists(running, REASON, true, true, false);
        }
        history.deleteHistoricProcessInstancesIfExists(instances);
    }

    /** The instances with the lead's number as business key, and every instance they called, deepest last. */
    private List<String> instances(String number) {
        Set<String> found = new LinkedHashSet<>();
        List<String> next = new ArrayList<>(history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(number).list().stream().map(HistoricProcessInstance::getId).toList());
        while (!next.isEmpty()) {
            String id = next.remove(0);
            if (found.add(id)) {
                history.createHistoricProcessInstanceQuery().superProcessInstanceId(id).list()
                        .forEach(sub -> next.add(sub.getId()));
            }
        }
        return List.copyOf(found);
    }

    private List<String> decisionsWithInput(String value) {
        if (value == null) {
            return List.of();
        }
        String instances = management.getTableName(HistoricDecisionInstance.class);
        String inputs = management.getTableName(HistoricDecisionInputInstanceEntity.class);
        return history.createNativeHistoricDecisionInstanceQuery()
                .sql("select RES.* from " + instances + " RES where RES.ID_ in (select I.DEC_INST_ID_ from " + inputs
                        + " I where I.TEXT_ = #{value} or I.TEXT2_ = #{value})")
                .parameter("value", value).list().stream().map(HistoricDecisionInstance::getId).toList();
    }
}
