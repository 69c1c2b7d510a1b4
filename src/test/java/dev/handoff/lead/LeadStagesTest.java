package dev.handoff.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * lead-lifecycle.bpmn reads as the stages of the agreement: each stage a call activity to a process of its own,
 * passing only named variables, and those names are {@link LeadVariables}'.
 */
class LeadStagesTest {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

    static Document lifecycle;
    static Set<String> names;

    @BeforeAll
    static void read() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        lifecycle = factory.newDocumentBuilder().parse(Path.of("processes", "lead-lifecycle.bpmn").toFile());
        names = new HashSet<>();
        for (Field field : LeadVariables.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                names.add((String) field.get(null));
            }
        }
    }

    @Test
    void everyStageIsACallActivityToItsOwnProcessFile() {
        List<String> called = new ArrayList<>();
        for (Element call : elements(lifecycle, BPMN, "callActivity")) {
            called.add(call.getAttribute("calledElement"));
            assertThat(Path.of("processes", call.getAttribute("calledElement") + ".bpmn")).exists();
        }
        assertThat(called).containsExactlyInAnyOrderElementsOf(LeadVariables.STAGE_KEYS);
    }

    @Test
    void stagesGetTheBusinessKeyAndOnlyNamedVariables() {
        Set<String> unknown = new TreeSet<>();
        for (Element call : elements(lifecycle, BPMN, "callActivity")) {
            boolean businessKey = false;
            for (String kind : List.of("in", "out")) {
                for (Element mapping : elements(call, CAMUNDA, kind)) {
                    if (mapping.hasAttribute("businessKey")) {
                        businessKey = true;
                        continue;
                    }
                    assertThat(mapping.hasAttribute("variables") || mapping.hasAttribute("sourceExpression"))
                            .as(call.getAttribute("id") + ": all variables or an expression instead of a name")
                            .isFalse();
                    for (String name : List.of(mapping.getAttribute("source"), mapping.getAttribute("target"))) {
                        if (!names.contains(name)) {
                            unknown.add(call.getAttribute("id") + " " + kind + " " + name);
                        }
                    }
                    assertThat(mapping.getAttribute("source")).isEqualTo(mapping.getAttribute("target"));
                }
            }
            assertThat(businessKey).as(call.getAttribute("id") + " passes the lead number as business key").isTrue();
        }
        assertThat(unknown).as("mapped names that are no constant of LeadVariables").isEmpty();
    }

    private static List<Element> elements(Object parent, String namespace, String name) {
        NodeList nodes = parent instanceof Document document ? document.getElementsByTagNameNS(namespace, name)
                : ((Element) parent).getElementsByTagNameNS(namespace, name);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }
}
