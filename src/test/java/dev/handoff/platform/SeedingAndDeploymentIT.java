package dev.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;

import dev.handoff.support.IntegrationTest;

@IntegrationTest
class SeedingAndDeploymentIT {

    @Autowired
    ProcessEngine engine;

    @Autowired
    List<ApplicationRunner> runners;

    @Test
    void seedingTwiceAddsNothing() throws Exception {
        long users = engine.getIdentityService().createUserQuery().count();
        long groups = engine.getIdentityService().createGroupQuery().count();
        long authorizations = engine.getAuthorizationService().createAuthorizationQuery().count();
        long filters = engine.getFilterService().createFilterQuery().count();

        ApplicationArguments none = new DefaultApplicationArguments();
        for (ApplicationRunner runner : runners) {
            runner.run(none);
        }

        assertThat(engine.getIdentityService().createUserQuery().count()).isEqualTo(users);
        assertThat(engine.getIdentityService().createGroupQuery().count()).isEqualTo(groups);
        assertThat(engine.getAuthorizationService().createAuthorizationQuery().count()).isEqualTo(authorizations);
        assertThat(engine.getFilterService().createFilterQuery().count()).isEqualTo(filters);
        assertThat(groups).isGreaterThanOrEqualTo(9);
    }

    @Test
    void onlyAChangedModelGetsANewVersion(@TempDir Path dir) throws Exception {
        Path processes = Files.createDirectories(dir.resolve("processes"));
        Path model = processes.resolve("deploy-check.bpmn");
        Files.writeString(model, bpmn("Deploy check"));
        Files.writeString(processes.resolve("deploy-other.bpmn"), bpmn("Other").replace("deploy-check", "deploy-other"));
        CamundaBpmProperties properties = new CamundaBpmProperties();
        properties.setDeploymentResourcePattern(new String[] { "file:" + processes + "/*.bpmn" });
        ModelDeployment deployment = new ModelDeployment(properties);

        deployment.postProcessEngineBuild(engine);
        deployment.postProcessEngineBuild(engine);
        assertThat(versions("deploy-check")).isEqualTo(1);
        assertThat(versions("deploy-other")).isEqualTo(1);

        Files.writeString(model, bpmn("Deploy check, changed"));
        deployment.postProcessEngineBuild(engine);
        deployment.postProcessEngineBuild(engine);
        assertThat(versions("deploy-check")).isEqualTo(2);
        assertThat(versions("deploy-other")).isEqualTo(1);
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("deploy-check")
                .latestVersion().singleResult().getResourceName()).isEqualTo("processes/deploy-check.bpmn");
    }

    private long versions(String key) {
        return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key).count();
    }

    private static String bpmn(String name) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://handoff.dev/test">
                  <process id="deploy-check" name="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <startEvent id="Event_Started"/>
                  </process>
                </definitions>
                """.formatted(name);
    }
}
