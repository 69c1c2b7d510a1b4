package dev.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.handoff.identity.Groups;

/**
 * The building blocks Camunda Modeler offers for processes/: the element templates in .camunda/element-templates/
 * (Modeler finds them there for every diagram below the repository root). A template may only name what exists:
 * a Spring bean of the right kind (found the way Spring's component scan finds them, without starting a context),
 * a bean method, a form in forms/, a group of {@link Groups}, a called process, and variables the code reads or
 * sets. Every delegate bean, in the code or named by a process, has a template, and every step a process applies
 * a template to agrees with it.
 */
class ElementTemplatesTest {

    static final Path TEMPLATES = Path.of(".camunda", "element-templates");
    static final Path PROCESSES = ModelFilesTest.PROCESSES;
    static final String SCHEMA = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /** The kinds of step a template may apply to: those a process owner places with a bean or a role behind it. */
    static final Set<String> TEMPLATED_KINDS = Set.of("serviceTask", "sendTask", "userTask", "callActivity");

    static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\s*([A-Za-z_]\\w*)\\s*(?:\\.\\s*([A-Za-z_]\\w*))?");
    static final Pattern BEAN_ONLY = Pattern.compile("^\\$\\{\\s*([A-Za-z_]\\w*)\\s*}$");

    static Map<String, Class<?>> beans;
    static Set<String> javaLiterals;
    static Set<String> forms;
    static Set<String> processIds;
    static Set<String> groups;
    static List<JsonNode> templates;

    @BeforeAll
    static void readWhatTemplatesMayName() throws Exception {
        beans = springBeans();
        javaLiterals = javaStringLiterals();
        forms = ModelFilesTest.formIds();
        processIds = new HashSet<>();
        for (Path file : bpmnFiles().toList()) {
            elements(parse(file), "process").forEach(p -> processIds.add(p.getAttribute("id")));
        }
        groups = new HashSet<>();
        for (Field field : Groups.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                groups.add((String) field.get(null));
            }
        }
        templates = templates();
    }

    static Stream<Path> bpmnFiles() throws IOException {
        return ModelFilesTest.bpmnFiles();
    }

    @Test
    void templatesAreCamunda7TemplatesWithUniqueIds() {
        assertThat(templates).isNotEmpty();
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode template : templates) {
            String id = template.path("id").asText();
            if (!SCHEMA.equals(template.path("$schema").asText())) {
                problems.add(id + ": $schema is not the Camunda 7 element template schema");
            }
            if (id.isBlank() || template.path("name").asText().isBlank() || !template.path("version").isInt()) {
                problems.add(template + ": needs an id, a name and a whole-number version");
            }
            if (!template.path("appliesTo").isArray() || template.path("appliesTo").isEmpty()
                    || !template.path("properties").isArray()) {
                problems.add(id + ": needs appliesTo and properties");
            }
            if (!ids.add(id + " v" + template.path("version").asInt())) {
                problems.add(id + " v" + template.path("version").asInt() + " is defined twice");
            }
            for (JsonNode property : template.path("properties")) {
                if (!property.path("binding").path("type").isTextual()) {
                    problems.add(id + ": a property without binding: " + property);
                }
                if (!property.path("type").asText().equals("Hidden") && property.path("label").asText().isBlank()) {
                    problems.add(id + ": a field without label: " + property);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void templatesNameOnlyBeansFormsGroupsProcessesAndVariablesThatExist() {
        List<String> problems = new ArrayList<>();
        for (JsonNode template : templates) {
            String id = template.path("id").asText();
            for (JsonNode property : template.path("properties")) {
                JsonNode binding = property.path("binding");
                String type = binding.path("type").asText();
                String name = binding.path("name").asText();
                for (String value : values(property)) {
                    if (type.equals("property") && name.equals("camunda:delegateExpression")) {
                        checkBean(id, value, JavaDelegate.class, problems);
                    } else if (!type.equals("camunda:executionListener")) {
                        checkExpressions(id, value, problems);
                    }
                    if (type.equals("camunda:executionListener")) {
                        if (!"delegateExpression".equals(binding.path("implementationType").asText())) {
                            problems.add(id + ": an execution listener that is not a delegate expression");
                        }
                        checkBean(id, value, ExecutionListener.class, problems);
                    }
                    if (type.equals("property") && name.equals("camunda:formRef") && !forms.contains(value)) {
                        problems.add(id + ": form " + value + " is not in forms/");
                    }
                    if (type.equals("property") && name.equals("camunda:candidateGroups")) {
                        for (String group : value.split(",")) {
                            if (!group.contains("${") && !groups.contains(group.trim())) {
                                problems.add(id + ": candidate group " + group + " is none of Groups'");
                            }
                        }
                    }
                    if (type.equals("property") && name.equals("calledElement") && !processIds.contains(value)) {
                        problems.add(id + ": called process " + value + " is not in processes/");
                    }
                }
                if (type.equals("camunda:inputParameter") && !javaLiterals.contains(name)) {
                    problems.add(id + ": input parameter " + name + " is read by no code");
                }
                if (type.equals("camunda:in") && !javaLiterals.contains(binding.path("target").asText())) {
                    problems.add(id + ": variable " + binding.path("target").asText() + " is read by no code");
                }
                if (type.equals("camunda:out") && !javaLiterals.contains(binding.path("source").asText())) {
                    problems.add(id + ": variable " + binding.path("source").asText() + " is set by no code");
                }
            }
        }
        assertThat(problems.stream().distinct()).isEmpty();
    }

    @Test
    void everyDelegateBeanInTheCodeHasATemplate() {
        Set<String> templated = templatedDelegates();
        Set<String> missing = new TreeSet<>();
        beans.forEach((name, type) -> {
            if ((JavaDelegate.class.isAssignableFrom(type) || ExecutionListener.class.isAssignableFrom(type))
                    && !templated.contains(name)) {
                missing.add(name + " (" + type.getSimpleName() + ")");
            }
        });
        assertThat(missing).as("delegate beans without a template in " + TEMPLATES).isEmpty();
    }

    /**
     * Every bean a process names in a delegate expression exists, and each one a template can place (service task
     * delegates, execution listeners) has one. Task listeners exist too but get no template: Camunda 7 templates
     * cannot bind a task listener, so the user-task templates leave a task's listener as the model has it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bpmnFiles")
    void everyBeanTheProcessNamesExistsAndEveryDelegateHasATemplate(Path file) throws Exception {
        Set<String> templated = templatedDelegates();
        List<String> problems = new ArrayList<>();
        Document model = parse(file);
        for (Element element : all(model)) {
            String delegate = attribute(element, "delegateExpression");
            if (delegate == null) {
                continue;
            }
            Matcher bean = BEAN_ONLY.matcher(delegate);
            if (!bean.matches()) {
                problems.add(where(element) + ": delegate expression " + delegate + " names no single bean");
                continue;
            }
            String name = bean.group(1);
            Class<?> expected = switch (element.getLocalName()) {
                case "taskListener" -> TaskListener.class;
                case "executionListener" -> ExecutionListener.class;
                default -> JavaDelegate.class;
            };
            Class<?> type = beans.get(name);
            if (type == null || !expected.isAssignableFrom(type)) {
                problems.add(where(element) + ": no " + expected.getSimpleName() + " bean " + name);
            } else if (expected != TaskListener.class && !templated.contains(name)) {
                problems.add(where(element) + ": bean " + name + " has no template in " + TEMPLATES);
            }
        }
        assertThat(problems).as(file.toString()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bpmnFiles")
    void stepsUseTemplatesAndAgreeWithThem(Path file) throws Exception {
        Document model = parse(file);
        List<String> problems = new ArrayList<>();
        List<String> untemplated = new ArrayList<>();
        for (Element element : all(model)) {
            if (!BPMN.equals(element.getNamespaceURI())) {
                continue;
            }
            String templateId = element.getAttributeNS(CAMUNDA, "modelerTemplate");
            if (templateId.isEmpty()) {
                if (TEMPLATED_KINDS.contains(element.getLocalName())) {
                    untemplated.add(element.getAttribute("id"));
                }
                continue;
            }
            String version = element.getAttributeNS(CAMUNDA, "modelerTemplateVersion");
            JsonNode template = templates.stream()
                    .filter(t -> t.path("id").asText().equals(templateId)
                            && t.path("version").asText().equals(version))
                    .findFirst().orElse(null);
            if (template == null) {
                problems.add(where(element) + ": no template " + templateId + " version " + version);
                continue;
            }
            agree(element, template, problems);
        }
        if (!untemplated.isEmpty()) {
            problems.add("steps without a template: " + untemplated);
        }
        assertThat(problems).as(file.toString()).isEmpty();
    }

    /** The element holds each of the template's bindings as the template sets it, and no input it has no field for. */
    private static void agree(Element element, JsonNode template, List<String> problems) {
        String at = where(element) + " (" + template.path("id").asText() + ")";
        String kind = "bpmn:" + Character.toUpperCase(element.getLocalName().charAt(0))
                + element.getLocalName().substring(1);
        if (!values(template.path("appliesTo")).contains(kind)) {
            problems.add(at + ": the template does not apply to a " + kind);
        }
        Set<String> inputs = new HashSet<>();
        Set<String> mappings = new HashSet<>();
        for (JsonNode property : template.path("properties")) {
            JsonNode binding = property.path("binding");
            switch (binding.path("type").asText()) {
                case "camunda:in" -> mappings.add("in " + binding.path("target").asText());
                case "camunda:out" -> mappings.add("out " + binding.path("source").asText());
                case "camunda:in:businessKey" -> mappings.add("businessKey");
                default -> { }
            }
            String actual = switch (binding.path("type").asText()) {
                case "property" -> {
                    String name = binding.path("name").asText();
                    yield name.startsWith("camunda:") ? attribute(element, name.substring("camunda:".length()))
                            : (element.hasAttribute(name) ? element.getAttribute(name) : null);
                }
                case "camunda:inputParameter" -> {
                    inputs.add(binding.path("name").asText());
                    yield children(element, "inputParameter").stream()
                            .filter(p -> p.getAttribute("name").equals(binding.path("name").asText()))
                            .map(Element::getTextContent).findFirst().orElse(null);
                }
                case "camunda:in" -> children(element, "in").stream()
                        .filter(in -> in.getAttribute("target").equals(binding.path("target").asText()))
                        .map(in -> in.getAttribute(binding.path("expression").asBoolean() ? "sourceExpression"
                                : "source"))
                        .findFirst().orElse(null);
                case "camunda:out" -> children(element, "out").stream()
                        .filter(out -> out.getAttribute("source").equals(binding.path("source").asText()))
                        .map(out -> out.getAttribute("target")).findFirst().orElse(null);
                case "camunda:in:businessKey" -> children(element, "in").stream()
                        .filter(in -> in.hasAttribute("businessKey"))
                        .map(in -> in.getAttribute("businessKey")).findFirst().orElse(null);
                case "camunda:executionListener" -> children(element, "executionListener").stream()
                        .filter(l -> l.getAttribute("event").equals(binding.path("event").asText()))
                        .map(l -> l.getAttribute("delegateExpression")).findFirst().orElse(null);
                default -> {
                    problems.add(at + ": binding " + binding + " is not checked here");
                    yield null;
                }
            };
            String field = property.path("label").asText(binding.toString());
            switch (property.path("type").asText()) {
                case "Hidden" -> {
                    if (!property.path("value").asText().equals(actual)) {
                        problems.add(at + ": " + field + " is " + actual + ", the template sets "
                                + property.path("value").asText());
                    }
                }
                case "Dropdown" -> {
                    if (!values(property.path("choices")).contains(actual)) {
                        problems.add(at + ": " + field + " is " + actual + ", none of the template's choices");
                    }
                }
                default -> {
                    if (property.path("constraints").path("notEmpty").asBoolean()
                            && (actual == null || actual.isBlank())) {
                        problems.add(at + ": " + field + " is empty");
                    }
                }
            }
        }
        for (Element in : children(element, "in")) {
            boolean bound = in.hasAttribute("businessKey") ? mappings.contains("businessKey")
                    : mappings.contains("in " + in.getAttribute("target"));
            if (!bound) {
                problems.add(at + ": a mapping into the called process the template does not set: " + in.getAttribute(
                        "target"));
            }
        }
        for (Element out : children(element, "out")) {
            if (!mappings.contains("out " + out.getAttribute("source"))) {
                problems.add(at + ": a mapping out of the called process the template does not set: "
                        + out.getAttribute("source"));
            }
        }
        for (Element parameter : children(element, "inputParameter")) {
            if (!inputs.contains(parameter.getAttribute("name"))) {
                problems.add(at + ": input " + parameter.getAttribute("name") + " has no field in the template");
            }
        }
    }

    private static void checkBean(String template, String value, Class<?> kind, List<String> problems) {
        Matcher bean = BEAN_ONLY.matcher(value);
        if (!bean.matches()) {
            problems.add(template + ": " + value + " names no single bean");
        } else if (beans.get(bean.group(1)) == null || !kind.isAssignableFrom(beans.get(bean.group(1)))) {
            problems.add(template + ": no " + kind.getSimpleName() + " bean " + bean.group(1));
        }
    }

    /** ${bean.method(…)} needs the bean and its method; ${name} a bean or a variable the code reads or sets. */
    private static void checkExpressions(String template, String value, List<String> problems) {
        Matcher expression = EXPRESSION.matcher(value);
        while (expression.find()) {
            String name = expression.group(1);
            String method = expression.group(2);
            if (method != null) {
                Class<?> type = beans.get(name);
                if (type == null) {
                    problems.add(template + ": " + value + " names no bean " + name);
                } else if (Arrays.stream(type.getMethods()).noneMatch(m -> m.getName().equals(method))) {
                    problems.add(template + ": bean " + name + " has no method " + method);
                }
            } else if (!beans.containsKey(name) && !javaLiterals.contains(name)) {
                problems.add(template + ": " + value + " names a variable no code reads or sets: " + name);
            }
        }
    }

    private static Set<String> templatedDelegates() {
        Set<String> names = new HashSet<>();
        for (JsonNode template : templates) {
            for (JsonNode property : template.path("properties")) {
                JsonNode binding = property.path("binding");
                boolean delegate = binding.path("type").asText().equals("camunda:executionListener")
                        || binding.path("name").asText().equals("camunda:delegateExpression");
                Matcher bean = BEAN_ONLY.matcher(property.path("value").asText());
                if (delegate && bean.matches()) {
                    names.add(bean.group(1));
                }
            }
        }
        return names;
    }

    /** The application's beans by name and type, as component scanning and @Bean methods name them. */
    private static Map<String, Class<?>> springBeans() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(true);
        AnnotationBeanNameGenerator names = AnnotationBeanNameGenerator.INSTANCE;
        SimpleBeanDefinitionRegistry registry = new SimpleBeanDefinitionRegistry();
        Map<String, Class<?>> beans = new HashMap<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("dev.handoff")) {
            Class<?> type = Class.forName(definition.getBeanClassName());
            if (type.getProtectionDomain().getCodeSource().getLocation().getPath().contains("test-classes")) {
                continue;
            }
            beans.put(names.generateBeanName(definition, registry), type);
            for (Method method : type.getDeclaredMethods()) {
                Bean bean = AnnotatedElementUtils.findMergedAnnotation(method, Bean.class);
                if (bean != null) {
                    String name = bean.name().length > 0 ? bean.name()[0] : method.getName();
                    beans.put(name, method.getReturnType());
                }
            }
        }
        assertThat(beans).as("beans found by scanning dev.handoff").containsKey("businessTime");
        return beans;
    }

    /** Every string literal in src/main/java: where the code names the variables it reads and sets. */
    private static Set<String> javaStringLiterals() throws IOException {
        Pattern literal = Pattern.compile("\"([A-Za-z_][\\w-]*)\"");
        Set<String> literals = new HashSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher matcher = literal.matcher(Files.readString(source));
                while (matcher.find()) {
                    literals.add(matcher.group(1));
                }
            }
        }
        return literals;
    }

    private static List<JsonNode> templates() throws IOException {
        List<JsonNode> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode json = new ObjectMapper().readTree(file.toFile());
                if (json.isArray()) {
                    json.forEach(all::add);
                } else {
                    all.add(json);
                }
            }
        }
        return all;
    }

    /** A property's value and its choices' values. */
    private static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> values.add(item.isObject() ? item.path("value").asText() : item.asText()));
        } else {
            if (node.path("value").isTextual()) {
                values.add(node.path("value").asText());
            }
            node.path("choices").forEach(choice -> values.add(choice.path("value").asText()));
        }
        return values;
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static List<Element> all(Document model) {
        return elements(model.getDocumentElement(), "*");
    }

    private static List<Element> elements(Document model, String localName) {
        return elements(model.getDocumentElement(), localName);
    }

    private static List<Element> elements(Element root, String localName) {
        NodeList nodes = root.getElementsByTagNameNS("*", localName);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /** The camunda: extension elements of this element itself (not of elements nested in it). */
    private static List<Element> children(Element element, String localName) {
        return elements(element, localName).stream()
                .filter(e -> CAMUNDA.equals(e.getNamespaceURI()) && owner(e) == element).toList();
    }

    private static Element owner(Element extension) {
        org.w3c.dom.Node node = extension.getParentNode();
        while (node != null && !(node instanceof Element e && BPMN.equals(e.getNamespaceURI())
                && !e.getLocalName().equals("extensionElements"))) {
            node = node.getParentNode();
        }
        return (Element) node;
    }

    /** A camunda: attribute, or null when the element has none (listeners carry theirs without prefix). */
    private static String attribute(Element element, String name) {
        if (element.hasAttributeNS(CAMUNDA, name)) {
            return element.getAttributeNS(CAMUNDA, name);
        }
        if (CAMUNDA.equals(element.getNamespaceURI()) && element.hasAttribute(name)) {
            return element.getAttribute(name);
        }
        return null;
    }

    private static String where(Element element) {
        Element at = CAMUNDA.equals(element.getNamespaceURI()) ? owner(element) : element;
        return at.getAttribute("id") + (at == element ? "" : " " + element.getLocalName());
    }
}
