package dev.handoff.agreement;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Start forms that show the agreement in force. Tasklist gives a start form no variables, so a select cannot
 * take its options from the catalogue at run time: when an agreement goes in force (and at start-up, in case
 * someone deployed the form since), the latest deployed version of each form is redeployed with the persona
 * options and the "in force" texts of that agreement, leaving everything else in it as its author left it.
 * A form that already shows the agreement is not deployed again.
 */
@Component
class AgreementForms {

    static final String DEPLOYMENT_NAME = "handoff-agreement";
    /** The start form of content-request.bpmn: its persona select lists the catalogue's personas. */
    static final String REQUEST_CONTENT = "request-content";
    static final String CONTENT_REQUEST_PROCESS = "content-request";
    /** The proposal's start form: its "in force" texts say what a field left empty keeps. */
    static final String PROPOSE_AGREEMENT = "propose-agreement";

    private static final Logger log = LoggerFactory.getLogger(AgreementForms.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private final RepositoryService repository;
    private final FormService forms;
    private final Agreements agreements;

    AgreementForms(RepositoryService repository, FormService forms, Agreements agreements) {
        this.repository = repository;
        this.forms = forms;
        this.agreements = agreements;
    }

    /**
     * Once the models are deployed and the start-up runners (agreement 1, the demo's agreements) are done, and
     * before the start-up lock goes (so of several nodes starting together, one deploys): a form someone deployed
     * since, or the models' own version after an upgrade, shows the agreement in force again.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void showAtStart() {
        try {
            show(agreements.inForce());
        } catch (RuntimeException e) {
            log.warn("Could not bring the start forms up to the agreement in force; they show what they showed", e);
        }
    }

    /** Redeploys what does not show {@code agreement} yet; returns the form keys deployed. */
    List<String> show(Agreement agreement) {
        Map<String, String> changed = new LinkedHashMap<>();
        render(CONTENT_REQUEST_PROCESS, REQUEST_CONTENT, form -> personaOptions(form, Catalogue.of(agreement)),
                changed);
        render(ChangeVariables.PROCESS_KEY, PROPOSE_AGREEMENT, form -> inForceTexts(form, agreement), changed);
        if (changed.isEmpty()) {
            return List.of();
        }
        DeploymentBuilder deployment = repository.createDeployment().name(DEPLOYMENT_NAME)
                .source("Agreement " + agreement.number());
        changed.forEach((key, json) -> deployment.addString("forms/" + key + ".form", json));
        deployment.deploy();
        log.info("Forms {} now show agreement {}", changed.keySet(), agreement.number());
        return List.copyOf(changed.keySet());
    }

    private void render(String processKey, String formKey, Function<ObjectNode, Boolean> fill,
            Map<String, String> changed) {
        ProcessDefinition process = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
                .latestVersion().singleResult();
        if (process == null) {
            return;
        }
        String deployed;
        try (var in = forms.getDeployedStartForm(process.getId())) {
            deployed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            log.warn("Cannot read the deployed start form of {}: {}", processKey, e.getMessage());
            return;
        }
        try {
            JsonNode form = JSON.readTree(deployed);
            if (!(form instanceof ObjectNode object) || !formKey.equals(form.path("id").asText())
                    || !fill.apply(object)) {
                return;
            }
            if (!object.equals(JSON.readTree(deployed))) {
                changed.put(formKey, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(object));
            }
        } catch (Exception e) {
            log.warn("The deployed form {} is not a Camunda form Handoff can fill in: {}", formKey, e.getMessage());
        }
    }

    /** The persona select's options become the catalogue's personas; false where the form has no such select. */
    static boolean personaOptions(ObjectNode form, Catalogue catalogue) {
        List<ObjectNode> selects = components(form).stream()
                .filter(c -> "select".equals(c.path("type").asText()) && "persona".equals(c.path("key").asText()))
                .toList();
        for (ObjectNode select : selects) {
            ArrayNode values = select.putArray("values");
            catalogue.options().forEach(o -> values.addObject().put("label", o.get("label"))
                    .put("value", o.get("value")));
        }
        return !selects.isEmpty();
    }

    /** Fills the texts Text_InForce* with what the agreement holds; false where the form has none of them. */
    static boolean inForceTexts(ObjectNode form, Agreement a) {
        Map<String, String> texts = new LinkedHashMap<>();
        String signed = a.marketing() == null || a.sales() == null ? ""
                : ", signed by " + md(a.marketing().by()) + " for marketing and " + md(a.sales().by()) + " for sales";
        texts.put("Text_InForce", "**In force now: agreement " + a.number() + "**"
                + (a.effectiveFrom() == null ? "" : " since " + DAY.format(a.effectiveFrom())) + signed
                + ". A field left empty keeps the value shown under its section.");
        Agreement.Decisions d = a.decisions();
        texts.put("Text_InForceMarketing", "In force: " + Agreement.MQL_DEFINITION + " v" + d.mqlDefinition() + ", "
                + Agreement.LEAD_FIT + " v" + d.leadFit() + ".");
        Agreement.Targets t = a.targets();
        texts.put("Text_InForceSales", "In force: " + Agreement.SLA_POLICY + " v" + d.slaPolicy() + ", "
                + Agreement.LEAD_ROUTING + " v" + d.leadRouting() + "; targets: SLA compliance " + t.slaCompliance()
                + ", acceptance " + t.acceptance() + ", SAL to SQL " + t.salToSql() + ", below definition at most "
                + t.definitionalShareMax() + ".");
        Agreement.Objectives o = a.objectives();
        texts.put("Text_InForceObjectives", "In force: MQLs " + none(o == null ? null : o.mqls()) + ", SQLs "
                + none(o == null ? null : o.sqls()) + ", pipeline " + none(o == null ? null : o.pipeline())
                + ", won revenue " + none(o == null ? null : o.wonRevenue()) + ".");
        Catalogue c = Catalogue.of(a);
        StringBuilder catalogue = new StringBuilder("In force: segments ").append(list(c.icp().segments()))
                .append("; company sizes ").append(list(c.icp().companySizes()))
                .append("; industries ").append(list(c.icp().industries()))
                .append("; regions ").append(list(c.icp().regions())).append(".\n\nPersonas, one a line as the field "
                        + "below takes them:\n");
        for (Catalogue.Persona p : c.personas()) {
            catalogue.append("\n- ").append(md(String.join(" | ", p.key(), p.name(), String.join(", ", p.titles()),
                    p.pains() == null ? "" : p.pains(), p.whatToSay() == null ? "" : p.whatToSay())));
        }
        texts.put("Text_InForceCatalogue", catalogue.toString());
        boolean any = false;
        for (ObjectNode component : components(form)) {
            String text = texts.get(component.path("id").asText());
            if (text != null && "text".equals(component.path("type").asText())) {
                component.put("text", text);
                any = true;
            }
        }
        return any;
    }

    private static List<ObjectNode> components(ObjectNode form) {
        List<ObjectNode> all = new ArrayList<>();
        collect(form.path("components"), all);
        return all;
    }

    private static void collect(JsonNode components, List<ObjectNode> all) {
        for (JsonNode component : components) {
            if (component instanceof ObjectNode object) {
                all.add(object);
                collect(object.path("components"), all);
            }
        }
    }

    private static String list(List<String> values) {
        return values == null || values.isEmpty() ? "none"
                : values.stream().map(AgreementForms::md).collect(Collectors.joining(", "));
    }

    private static String none(Object value) {
        return value == null ? "none" : md(value.toString());
    }

    /**
     * Text both teams wrote, shown literally: markdown's punctuation escaped, and no two braces side by side,
     * which the form's templating would read as an expression.
     */
    static String md(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            if ("\\`*_[]{}()#+-.!|<>~".indexOf(ch) >= 0) {
                out.append('\\');
            }
            out.append(ch == '\n' || ch == '\r' ? ' ' : ch);
        }
        return out.toString();
    }
}
