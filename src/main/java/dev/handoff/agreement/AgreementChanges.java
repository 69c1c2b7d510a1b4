package dev.handoff.agreement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Component;

/**
 * What a proposal changes, in plain words: each decision whose version changes with its rules before and after
 * (rule by rule, only those that differ), each target and each objective before and after, the ideal customer
 * profile list by list and each persona added, removed or changed.
 */
@Component
class AgreementChanges {

    /** One line of the comparison: what, as it stands, as it would be ("—" where there is none). */
    record Change(String what, String before, String after) {
    }

    private final Agreements agreements;
    private final RepositoryService repository;

    AgreementChanges(Agreements agreements, RepositoryService repository) {
        this.agreements = agreements;
        this.repository = repository;
    }

    List<Change> between(Agreement before, Agreement after) {
        List<Change> changes = new ArrayList<>();
        before.decisions().byKey().forEach((key, version) -> {
            int proposed = after.decisions().version(key);
            if (proposed != version) {
                changes.add(new Change(key + " version", "v" + version, "v" + proposed));
                List<String> was = rules(key, version);
                List<String> would = rules(key, proposed);
                for (int i = 0; i < Math.max(was.size(), would.size()); i++) {
                    String b = i < was.size() ? was.get(i) : "—";
                    String a = i < would.size() ? would.get(i) : "—";
                    if (!b.equals(a)) {
                        changes.add(new Change(key + " rule " + (i + 1), b, a));
                    }
                }
            }
        });
        Agreement.Targets tb = before.targets();
        Agreement.Targets ta = after.targets();
        share(changes, "Target SLA compliance", tb.slaCompliance(), ta.slaCompliance());
        share(changes, "Target acceptance", tb.acceptance(), ta.acceptance());
        share(changes, "Target SAL→SQL", tb.salToSql(), ta.salToSql());
        share(changes, "Most rejections below definition", tb.definitionalShareMax(), ta.definitionalShareMax());
        Agreement.Objectives ob = before.objectives();
        Agreement.Objectives oa = after.objectives();
        objective(changes, "Objective MQLs", ob.mqls(), oa.mqls());
        objective(changes, "Objective SQLs", ob.sqls(), oa.sqls());
        objective(changes, "Objective pipeline", ob.pipeline(), oa.pipeline());
        objective(changes, "Objective won revenue", ob.wonRevenue(), oa.wonRevenue());
        catalogue(changes, Catalogue.of(before), Catalogue.of(after));
        return changes;
    }

    /** The profile list by list, and each persona (by key) added, removed or changed, in the order proposed. */
    private static void catalogue(List<Change> changes, Catalogue before, Catalogue after) {
        Catalogue.Icp ib = before.icp();
        Catalogue.Icp ia = after.icp();
        list(changes, "ICP segments", ib.segments(), ia.segments());
        list(changes, "ICP company sizes", ib.companySizes(), ia.companySizes());
        list(changes, "ICP industries", ib.industries(), ia.industries());
        list(changes, "ICP regions", ib.regions(), ia.regions());
        for (Catalogue.Persona p : after.personas()) {
            String was = before.persona(p.key()).map(AgreementChanges::persona).orElse("—");
            if (!was.equals(persona(p))) {
                changes.add(new Change("Persona " + p.key(), was, persona(p)));
            }
        }
        before.personas().stream().filter(p -> after.persona(p.key()).isEmpty())
                .forEach(p -> changes.add(new Change("Persona " + p.key(), persona(p), "—")));
    }

    private static String persona(Catalogue.Persona p) {
        return p.name() + "; titles " + String.join(", ", p.titles()) + "; pains: "
                + Objects.requireNonNullElse(p.pains(), "—") + "; say: "
                + Objects.requireNonNullElse(p.whatToSay(), "—");
    }

    private static void list(List<Change> changes, String what, List<String> before, List<String> after) {
        if (!before.equals(after)) {
            changes.add(new Change(what, before.isEmpty() ? "—" : String.join(", ", before),
                    after.isEmpty() ? "—" : String.join(", ", after)));
        }
    }

    /** The comparison as a Markdown table, for the review form. */
    static String markdown(List<Change> changes) {
        StringBuilder text = new StringBuilder("| What | Before | After |\n|---|---|---|\n");
        changes.forEach(c -> text.append("| ").append(cell(c.what())).append(" | ").append(cell(c.before()))
                .append(" | ").append(cell(c.after())).append(" |\n"));
        return text.toString();
    }

    /** Each rule of the decision table: its description, its conditions (not "-") → its outputs. */
    private List<String> rules(String key, int version) {
        DmnModelInstance model = repository.getDmnModelInstance(agreements.definition(key, version).getId());
        Decision decision = model.getModelElementsByType(Decision.class).stream()
                .filter(d -> key.equals(d.getId())).findFirst().orElseThrow();
        DecisionTable table = (DecisionTable) decision.getExpression();
        List<Input> inputs = new ArrayList<>(table.getInputs());
        List<Output> outputs = new ArrayList<>(table.getOutputs());
        List<String> rules = new ArrayList<>();
        for (Rule rule : table.getRules()) {
            List<String> when = new ArrayList<>();
            List<InputEntry> entries = new ArrayList<>(rule.getInputEntries());
            for (int i = 0; i < entries.size(); i++) {
                String text = entries.get(i).getTextContent().strip();
                if (!text.isEmpty() && !text.equals("-")) {
                    when.add(inputs.get(i).getLabel() + " " + text);
                }
            }
            List<String> then = new ArrayList<>();
            List<OutputEntry> results = new ArrayList<>(rule.getOutputEntries());
            for (int i = 0; i < results.size(); i++) {
                String text = results.get(i).getTextContent().strip();
                if (!text.isEmpty() && !text.equals("null")) {
                    then.add(outputs.get(i).getLabel() + " " + text);
                }
            }
            String description = rule.getDescription() == null ? "" : rule.getDescription().getTextContent() + ": ";
            rules.add(description + (when.isEmpty() ? "always" : String.join(", ", when)) + " → "
                    + String.join(", ", then));
        }
        return rules;
    }

    private static void share(List<Change> changes, String what, double before, double after) {
        if (before != after) {
            changes.add(new Change(what, pct(before), pct(after)));
        }
    }

    private static void objective(List<Change> changes, String what, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(new Change(what, before == null ? "—" : String.valueOf(before),
                    after == null ? "—" : String.valueOf(after)));
        }
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
