package dev.handoff.identity;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Variables are read only with a right to read variables ({@code READ_VARIABLE} on a task, {@code
 * READ_INSTANCE_VARIABLE} or {@code READ_TASK_VARIABLE} on a process definition), not with any right to see
 * the task or instance; tasks get their rights from {@link TaskAuthorizations}.
 */
@Component
class EngineAuthorization extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setEnforceSpecificVariablePermission(true);
        configuration.setResourceAuthorizationProvider(new TaskAuthorizations());
    }
}
