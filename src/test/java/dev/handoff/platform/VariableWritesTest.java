package dev.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which engine requests write variables directly, on both ways in; {@link AccessMatrixIT} calls some of them. */
class VariableWritesTest {

    private final VariableWrites writes = new VariableWrites("/camunda");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "PUT, /engine-rest/process-instance/42/variables/owner",
            "DELETE, /engine-rest/process-instance/42/variables/owner",
            "POST, /engine-rest/process-instance/42/variables",
            "POST, /engine-rest/process-instance/42/variables/file/data",
            "POST, /engine-rest/process-instance/variables-async",
            "POST, /engine-rest/process-instance/message-async",
            "POST, /engine-rest/process-instance/42/modification",
            "POST, /engine-rest/process-instance/42/modification-async",
            "POST, /engine-rest/modification/execute",
            "POST, /engine-rest/modification/executeAsync",
            "PUT, /engine-rest/execution/42/localVariables/owner",
            "POST, /engine-rest/execution/42/localVariables",
            "POST, /engine-rest/execution/42/signal",
            "POST, /engine-rest/execution/42/messageSubscriptions/Engagement/trigger",
            "PUT, /engine-rest/task/7/variables/owner",
            "POST, /engine-rest/task/7/localVariables",
            "POST, /engine-rest/message",
            "POST, /engine-rest/signal",
            "PUT, /engine-rest/engine/default/process-instance/42/variables/owner",
            "PUT, /engine-rest//process-instance/42//variables/owner",
            "PUT, /camunda/api/engine/engine/default/process-instance/42/variables/owner",
            "POST, /camunda/api/engine/engine/default/execution/42/localVariables",
            "POST, /camunda/api/engine/engine/default/process-instance/42/modification",
            "POST, /camunda/api/engine/engine/default/message" })
    void writesVariables(String method, String path) {
        assertThat(writes.writes(method, path)).isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET, /engine-rest/process-instance/42/variables/owner",
            "GET, /engine-rest/process-instance/42/variables",
            "GET, /camunda/api/engine/engine/default/execution/42/localVariables",
            "POST, /engine-rest/variable-instance",
            "POST, /engine-rest/process-instance",
            "POST, /engine-rest/process-definition/key/lead-lifecycle/submit-form",
            "POST, /engine-rest/task/7/submit-form",
            "POST, /engine-rest/task/7/complete",
            "POST, /engine-rest/task/7/claim",
            "POST, /engine-rest/filter/3/list",
            "PUT, /engine-rest/process-instance/42/suspended",
            "POST, /api/leads/42/engagements",
            "POST, /camunda/api/cockpit/plugin/base/default/process-instance/42/variables" })
    void leavesOtherRequestsToTheEngine(String method, String path) {
        assertThat(writes.writes(method, path)).isFalse();
    }
}
