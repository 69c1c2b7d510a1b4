package dev.handoff.platform;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
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
 * {@code ACT_HI_VARINST}. Handoff's figures are never read from variable history.</li>
 * </ul>
 * Its id is full's (3), so a database the engine set up at {@code full} starts at this level without the
 * engine's history level mismatch check failing, and back again. Select it with
 * {@code camunda.bpm.history-level: handoff}.
 */
@Component
class HistoryLevel extends AbstractProcessEnginePlugin {

    static final String NAME = "handoff";

    static final class Level extends HistoryLevelFull {
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
            return super.isHistoryEventProduced(eventType, entity);
        }
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<org.camunda.bpm.engine.impl.history.HistoryLevel> levels = configuration.getCustomHistoryLevels() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryLevels());
        levels.add(new Level());
        configuration.setCustomHistoryLevels(levels);
    }
}
