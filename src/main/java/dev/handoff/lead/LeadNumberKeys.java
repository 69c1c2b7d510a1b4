package dev.handoff.lead;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Lead processes started before lead numbers existed carry the lead's UUID as business key; at start-up they get
 * the lead number instead (and a variable for their forms), so that messages (engagement, deal outcome) still reach
 * them and Cockpit finds them.
 * Two counts per lead process when there is nothing to do.
 */
@Component
class LeadNumberKeys implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(LeadNumberKeys.class);
    private static final int PAGE = 500;

    private final RuntimeService runtime;
    private final CommandExecutor commands;
    private final LeadRepository repository;

    LeadNumberKeys(ProcessEngine engine, LeadRepository repository) {
        this.runtime = engine.getRuntimeService();
        this.commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired();
        this.repository = repository;
    }

    @Override
    public void run(ApplicationArguments args) {
        int updated = 0;
        for (String key : keys()) {
            updated += renumber(key);
        }
        if (updated > 0) {
            LOG.info("{} lead processes now carry their lead number as business key", updated);
        }
    }

    /** lead-lifecycle and the stages it calls (an old lifecycle's instance may wait in a stage). */
    private static List<String> keys() {
        List<String> keys = new ArrayList<>(List.of(LeadVariables.PROCESS_KEY));
        keys.addAll(LeadVariables.STAGE_KEYS);
        return keys;
    }

    private int renumber(String key) {
        long all = runtime.createProcessInstanceQuery().processDefinitionKey(key).count();
        long numbered = runtime.createProcessInstanceQuery().processDefinitionKey(key)
                .processInstanceBusinessKeyLike("L-%").count();
        if (all == numbered) {
            return 0;
        }
        int updated = 0;
        for (int first = 0; first < all; first += PAGE) {
            for (ProcessInstance instance : runtime.createProcessInstanceQuery().processDefinitionKey(key)
                    .orderByProcessInstanceId().asc().listPage(first, PAGE)) {
                String businessKey = instance.getBusinessKey();
                if (businessKey != null && !businessKey.startsWith("L-")) {
                    var lead = repository.findById(businessKey);
                    if (lead.isPresent()) {
                        updateBusinessKey(instance.getId(), lead.get().number());
                        runtime.setVariable(instance.getId(), LeadVariables.LEAD_NUMBER, lead.get().number());
                        updated++;
                    }
                }
            }
        }
        return updated;
    }

    /**
     * The public API sets a business key only from inside the process (a delegate's execution); this does the same
     * from outside, history included.
     */
    void updateBusinessKey(String processInstanceId, String businessKey) {
        commands.execute(context -> {
            context.getExecutionManager().findExecutionById(processInstanceId).setProcessBusinessKey(businessKey);
            return null;
        });
    }
}
