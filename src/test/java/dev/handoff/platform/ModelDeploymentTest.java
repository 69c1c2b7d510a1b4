package dev.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.UrlResource;

class ModelDeploymentTest {

    @Test
    void namesAModelAlikeInAJarAndInAFolder() throws Exception {
        var inJar = new UrlResource("jar:file:/opt/handoff.jar!/BOOT-INF/classes!/processes/lead-lifecycle.bpmn");
        var inFolder = new UrlResource("file:/home/me/processes/handoff/target/classes/processes/lead-lifecycle.bpmn");
        var form = new UrlResource("file:/home/me/handoff/target/classes/forms/capture-lead.form");

        assertThat(ModelDeployment.resourceName(inJar)).isEqualTo("processes/lead-lifecycle.bpmn");
        assertThat(ModelDeployment.resourceName(inFolder)).isEqualTo("processes/lead-lifecycle.bpmn");
        assertThat(ModelDeployment.resourceName(form)).isEqualTo("forms/capture-lead.form");
    }

    @Test
    void refusesAModelOutsideTheModelFolders() throws Exception {
        assertThatThrownBy(() -> ModelDeployment.resourceName(new UrlResource("file:/tmp/elsewhere/x.bpmn")))
                .hasMessageContaining("outside processes/ and forms/");
    }
}
