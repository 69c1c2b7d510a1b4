package dev.handoff.platform;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys processes/ and forms/ when the engine starts, under resource names that do not depend on how
 * the application was launched. The starter names a resource after its file path under spring-boot:run
 * and after its jar URL under java -jar, so duplicate filtering saw "new" files and versioned everything
 * on every switch. Only changed files are redeployed, so a changed file makes exactly one new version.
 */
@Component
public class ModelDeployment extends AbstractProcessEnginePlugin {

    public static final String DEPLOYMENT_NAME = "handoff";
    static final List<String> MODEL_FOLDERS = List.of("processes/", "forms/");

    private static final Logger log = LoggerFactory.getLogger(ModelDeployment.class);

    private final ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    private final CamundaBpmProperties properties;

    public ModelDeployment(CamundaBpmProperties properties) {
        this.properties = properties;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment()
                .name(DEPLOYMENT_NAME)
                .source(DEPLOYMENT_NAME)
                .enableDuplicateFiltering(true);
        List<String> names = new ArrayList<>();
        for (Resource resource : modelResources()) {
            String name = resourceName(resource);
            try (InputStream in = resource.getInputStream()) {
                deployment.addInputStream(name, in);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read model " + name, e);
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            log.warn("No models found for {}", String.join(", ", properties.getDeploymentResourcePattern()));
            return;
        }
        var result = deployment.deployWithResult();
        List<String> changed = new ArrayList<>();
        if (result.getDeployedProcessDefinitions() != null) {
            result.getDeployedProcessDefinitions().forEach(d -> changed.add(d.getKey() + " v" + d.getVersion()));
        }
        if (result.getDeployedDecisionDefinitions() != null) {
            result.getDeployedDecisionDefinitions().forEach(d -> changed.add(d.getKey() + " v" + d.getVersion()));
        }
        if (changed.isEmpty()) {
            log.info("Models checked: {}, all unchanged since the last start: no new versions", names.size());
        } else {
            log.info("Models checked: {}; new versions deployed: {}", names.size(), String.join(", ", changed));
        }
    }

    private List<Resource> modelResources() {
        List<Resource> resources = new ArrayList<>();
        for (String pattern : properties.getDeploymentResourcePattern()) {
            try {
                for (Resource resource : resolver.getResources(pattern.trim())) {
                    if (resource.isReadable() && resources.stream().noneMatch(r -> resourceName(r).equals(resourceName(resource)))) {
                        resources.add(resource);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot list models matching " + pattern, e);
            }
        }
        return resources;
    }

    /** The path from the model folder on, e.g. {@code processes/lead-lifecycle.bpmn}, in a jar or a folder alike. */
    static String resourceName(Resource resource) {
        String url;
        try {
            url = resource.getURL().toString();
        } catch (IOException e) {
            throw new IllegalStateException("Model without URL: " + resource, e);
        }
        int start = -1;
        for (String folder : MODEL_FOLDERS) {
            start = Math.max(start, url.lastIndexOf("/" + folder));
        }
        if (start < 0) {
            throw new IllegalStateException("Model outside processes/ and forms/: " + url);
        }
        return url.substring(start + 1);
    }
}
