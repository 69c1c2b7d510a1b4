package dev.handoff.agreement;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Puts the integration tests' shared Handoff back under agreement 1 after a test proposed or put in force others:
 * the engine's clock, the change processes, the agreements, and the start forms that show the one in force.
 */
final class AgreementOne {

    static void restore(JdbcClient jdbc, RuntimeService runtime, Agreements agreements, AgreementForms forms) {
        ClockUtil.reset();
        runtime.createProcessInstanceQuery().processDefinitionKey(ChangeVariables.PROCESS_KEY).list()
                .forEach(p -> runtime.deleteProcessInstance(p.getId(), "test over"));
        jdbc.sql("delete from agreement where number > 1").update();
        jdbc.sql("update agreement set status = 'IN_FORCE', in_force = 'Y', superseded_at = null where number = 1")
                .update();
        forms.show(agreements.inForce());
    }

    private AgreementOne() {
    }
}
