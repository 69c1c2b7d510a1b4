package dev.handoff.identity;

import java.util.ArrayList;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Tasklist fills a filter's columns from variables the signed-in user may read. A rep may read the tasks
 * given to them but not the whole process instance, so the columns' values are copied into every new task as
 * task variables of their own names (a form field of the same name, such as {@code company}, would otherwise
 * write to the task's copy instead of the process).
 */
@Component
class TasklistColumns extends AbstractProcessEnginePlugin {

    private static final TaskListener COPY = task -> TaskFilters.COLUMN_SOURCES.forEach((column, source) -> {
        Object value = task.getVariable(source);
        if (value != null) {
            task.setVariableLocal(column, value);
        }
    });

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition()
                        .addTaskListener(TaskListener.EVENTNAME_CREATE, COPY);
            }
        });
    }
}
