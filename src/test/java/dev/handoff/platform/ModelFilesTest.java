package dev.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a process owner opening processes/ and forms/ in Camunda Modeler, or a rep in Tasklist, would trip
 * over: models that do not parse, elements without layout, generated ids, user tasks without form or owner,
 * and missing history time to live.
 */
class ModelFilesTest {

    static final Path PROCESSES = Path.of("processes");
    static final Path FORMS = Path.of("forms");
    static final Pattern GENERATED = Pattern.compile(
            "^(Activity|Gateway|Event|Flow|StartEvent|EndEvent|Task|SequenceFlow|UserTask|ServiceTask|Process|Definitions|"
                    + "Decision|DecisionTable|Rule|InputClause|OutputClause)_[0-9a-z]{5,7}$|_\\d+$");

    static Stream<Path> bpmnFiles() throws IOException {
        return files(PROCESSES, ".bpmn");
    }

    static Stream<Path> dmnFiles() throws IOException {
        return files(PROCESSES, ".dmn");
    }

    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void processesParseAreLaidOutAndHaveOwnersFormsAndHistoryTimeToLive(Path file) throws IOException {
        BpmnModelInstance model;
        try (InputStream in = Files.newInputStream(file)) {
            model = Bpmn.readModelFromStream(in);
        }
        Bpmn.validateModel(model);
        Set<String> forms = formIds();
        Set<String> shapes = new HashSet<>();
        model.getModelElementsByType(BpmnShape.class).forEach(s -> shapes.add(s.getBpmnElement().getId()));
        Set<String> edges = new HashSet<>();
        model.getModelElementsByType(BpmnEdge.class).forEach(e -> edges.add(e.getBpmnElement().getId()));
        List<String> problems = new ArrayList<>();

        for (Process process : model.getModelElementsByType(Process.class)) {
            if (process.getCamundaHistoryTimeToLiveString() == null) {
                problems.add("process " + process.getId() + " has no history time to live");
            }
            if (!file.getFileName().toString().equals(process.getId() + ".bpmn")) {
                problems.add("file name differs from process id " + process.getId());
            }
        }
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            if (!shapes.contains(node.getId())) {
                problems.add(node.getId() + " has no diagram shape");
            }
        }
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            if (!edges.contains(flow.getId())) {
                problems.add(flow.getId() + " has no diagram edge");
            }
        }
        for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
            if (element.getId() != null && GENERATED.matcher(element.getId()).find()
                    && !element.getElementType().getTypeName().startsWith("BPMN")) {
                problems.add("generated-looking id " + element.getId());
            }
        }
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            String form = task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef");
            if (form == null || !forms.contains(form)) {
                problems.add("user task " + task.getId() + " has no form in forms/ (formRef " + form + ")");
            }
            if (task.getCamundaAssignee() == null && task.getCamundaCandidateGroups() == null
                    && task.getCamundaCandidateUsers() == null) {
                problems.add("user task " + task.getId() + " has neither assignee nor candidate group");
            }
            if (task.getName() == null || task.getName().isBlank()) {
                problems.add("user task " + task.getId() + " has no label");
            }
        }
        for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
            String form = start.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef");
            if (form != null && !forms.contains(form)) {
                problems.add("start event " + start.getId() + " refers to missing form " + form);
            }
        }
        assertThat(problems).as(file.toString()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dmnFiles")
    void decisionsParseAndHaveHistoryTimeToLive(Path file) throws IOException {
        DmnModelInstance model;
        try (InputStream in = Files.newInputStream(file)) {
            model = Dmn.readModelFromStream(in);
        }
        List<String> problems = new ArrayList<>();
        for (Decision decision : model.getModelElementsByType(Decision.class)) {
            if (decision.getCamundaHistoryTimeToLiveString() == null) {
                problems.add("decision " + decision.getId() + " has no history time to live");
            }
        }
        for (ModelElementInstance element : model.getModelElementsByType(
                org.camunda.bpm.model.dmn.instance.DmnElement.class)) {
            String id = element.getAttributeValue("id");
            if (id != null && (GENERATED.matcher(id).find() || id.length() > 64)) {
                problems.add("id " + id + " looks generated or is longer than the engine's 64 characters");
            }
        }
        assertThat(problems).as(file.toString()).isEmpty();
    }

    @Test
    void everyFormIsCamundaFormJsonWithItsOwnId() throws IOException {
        Set<String> ids = new HashSet<>();
        try (Stream<Path> forms = files(FORMS, ".form")) {
            for (Path form : forms.toList()) {
                JsonNode json = new ObjectMapper().readTree(form.toFile());
                assertThat(json.path("id").asText()).as(form.toString()).isNotBlank();
                assertThat(json.path("components").isArray()).as(form.toString()).isTrue();
                assertThat(json.path("executionPlatform").asText()).as(form.toString()).isEqualTo("Camunda Platform");
                assertThat(ids.add(json.path("id").asText())).as("unique id " + form).isTrue();
            }
        }
        assertThat(ids).isNotEmpty();
    }

    /** A version tag is the process owner's release name, never a second counter beside the engine's version. */
    @ParameterizedTest
    @MethodSource("bpmnFiles")
    void shippedProcessesLeaveTheVersionTagToProcessOwners(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        for (Process process : model.getModelElementsByType(Process.class)) {
            assertThat(process.getCamundaVersionTag()).as(file + " " + process.getId()).isNull();
        }
    }

    @Test
    void thereAreModelsToCheck() throws IOException {
        assertThat(bpmnFiles()).isNotEmpty();
        assertThat(dmnFiles()).isNotEmpty();
    }

    static Set<String> formIds() throws IOException {
        Set<String> ids = new HashSet<>();
        try (Stream<Path> forms = files(FORMS, ".form")) {
            for (Path form : forms.toList()) {
                ids.add(new ObjectMapper().readTree(form.toFile()).path("id").asText());
            }
        }
        return ids;
    }

    private static Stream<Path> files(Path folder, String suffix) throws IOException {
        return Files.walk(folder).filter(p -> p.toString().endsWith(suffix)).sorted();
    }
}
