package dev.handoff.lead;

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
 * Two counts when there is nothing to do.
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
        long all = runtime.createProcessInstanceQuery().processDefinitionKey(LeadVariables.PROCESS_KEY).count();
        long numbered = runtime.createProcessInstanceQuery().processDefinitionKey(LeadVariables.PROCESS_KEY)
                .processInstanceBusinessKeyLike("L-%").count();
        if (all == numbered) {
            return;
        }
        int updated = 0;
        for (int first = 0; first < all; first += PAGE) {
            for (ProcessInstance instance : runtime.createProcessInstanceQuery()
                    .processDefinitionKey(LeadVariables.PROCESS_KEY).orderByProcessInstanceId().asc()
                    .listPage(first, PAGE)) {
                String key = instance.getBusinessKey();
                if (key != null && !key.startsWith("L-")) {
                    var lead = repository.findById(key);
                    if (lead.isPresent()) {
                        updateBusinessKey(instance.getId(), lead.get().number());
                        runtime.setVariable(instance.getId(), LeadVariables.LEAD_NUMBER, lead.get().number());
                        updated++;
                    }
                }
            }
        }
        LOG.info("{} lead processes now carry their lead number as business key", updated);
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
