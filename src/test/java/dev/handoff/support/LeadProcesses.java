package dev.handoff.support;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;

import dev.handoff.lead.LeadVariables;

/**
 * A lead's running process instances, found by its lead number (the business key of lead-lifecycle and of the
 * stage instances it calls): the lifecycle, and the stage the lead is in now.
 */
public final class LeadProcesses {

    public static ProcessInstance lifecycle(RuntimeService runtime, String number) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(LeadVariables.PROCESS_KEY)
                .processInstanceBusinessKey(number).singleResult();
    }

    /** The stage instance the lead is in: the one instance its lifecycle called and that still runs. */
    public static ProcessInstance stage(RuntimeService runtime, String number) {
        return runtime.createProcessInstanceQuery().superProcessInstanceId(lifecycle(runtime, number).getId())
                .singleResult();
    }

    /** Every running instance of the lead: the lifecycle and its stage. */
    public static List<ProcessInstance> all(RuntimeService runtime, String number) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).list();
    }

    private LeadProcesses() {
    }
}
