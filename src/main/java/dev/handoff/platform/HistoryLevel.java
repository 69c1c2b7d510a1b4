package dev.handoff.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The engine's history at the level Handoff's reports and Cockpit need, decided per entity: everything of the
 * engine's {@code full} level (process, activity and task instances for the bottleneck report and Cockpit;
 * variable instances; identity links, incidents, the job log and the user operation log for who did what) except
 * <ul>
 * <li>every DMN evaluation with each input and output ({@code ACT_HI_DECINST}, {@code _DEC_IN}, {@code _DEC_OUT}):
 * each lead is judged by five decisions with up to nine inputs each, and Handoff keeps the outcomes that count
 * (fit points and grade, the MQL definition's version and verdict) on the lead and in its timeline;</li>
 * <li>each single change of a variable ({@code ACT_HI_DETAIL}); the variable's last value stays in
 * {@code ACT_HI_VARINST}. Handoff's figures are never read from variable history;</li>
 * <li>the variables of the processes named by {@code handoff.history.processes-without-variables} (the lead
 * lifecycle and its stages): they are copies of Handoff's lead record, which is the truth and has its own
 * timeline and API, and they are personal data (names, emails, phones) that history would otherwise keep a copy
 * of per stage; the stage that shows the lead holds its fields (lead/LeadCard), and writing their history was
 * most of what the stages cost a lead (README, "Performance"). The runtime variables stay, for Tasklist's forms
 * and Cockpit.</li>
 * </ul>
 * Its id is full's (3), so a database the engine set up at {@code full} starts at this level without the
 * engine's history level mismatch check failing, and back again. Select it with
 * {@code camunda.bpm.history-level: handoff}.
 */
@Component
class HistoryLevel extends AbstractProcessEnginePlugin {

    static final String NAME = "handoff";

    private final Set<String> withoutVariables;

    HistoryLevel(@Value("${handoff.history.processes-without-variables:}") Set<String> withoutVariables) {
        this.withoutVariables = Set.copyOf(withoutVariables);
    }

    static final class Level extends HistoryLevelFull {

        private final Set<String> withoutVariables;

        Level(Set<String> withoutVariables) {
            this.withoutVariables = withoutVariables;
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
            if (eventType == HistoryEventTypes.DMN_DECISION_EVALUATE
                    || eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL) {
                return false;
            }
            if (entity instanceof VariableInstanceEntity variable && withoutVariables.contains(key(variable))) {
                return false;
            }
            return super.isHistoryEventProduced(eventType, entity);
        }

        /**
         * The key of the variable's process definition, from its id {@code key:version:uuid}; null or empty (so
         * history is kept) where the engine gave a definition a bare id, as it does when that would exceed 64
         * characters.
         */
        private static String key(VariableInstanceEntity variable) {
            String definition = variable.getProcessDefinitionId();
            if (definition == null && variable.getExecution() != null) {
                definition = variable.getExecution().getProcessDefinitionId();
            }
            return definition == null ? null : definition.substring(0, Math.max(0, definition.indexOf(':')));
        }
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<org.camunda.bpm.engine.impl.history.HistoryLevel> levels = configuration.getCustomHistoryLevels() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryLevels());
        levels.add(new Level(withoutVariables));
        configuration.setCustomHistoryLevels(levels);
    }
}
