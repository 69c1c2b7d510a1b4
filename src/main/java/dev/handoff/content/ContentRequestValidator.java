package dev.handoff.content;

import static dev.handoff.content.ContentVariables.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

import dev.handoff.agreement.Agreements;
import dev.handoff.agreement.Catalogue;
import dev.handoff.lead.Leads;
import dev.handoff.platform.FieldProblem;
import dev.handoff.platform.InputBounds;
import dev.handoff.sla.BusinessTime;

/**
 * One set of rules for a new request, whether it comes from the API or from Tasklist's start form; its persona is
 * one of the catalogue of the agreement in force, by key.
 */
@Component
class ContentRequestValidator {

    /** How far ahead a request may be needed. */
    static final int MAX_YEARS_AHEAD = 5;

    private final Validator validator;
    private final BusinessTime businessTime;
    private final Leads leads;
    private final Agreements agreements;

    ContentRequestValidator(Validator validator, BusinessTime businessTime, Leads leads, Agreements agreements) {
        this.validator = validator;
        this.businessTime = businessTime;
        this.leads = leads;
        this.agreements = agreements;
    }

    /** Throws {@link InvalidContentInput} listing every invalid field. */
    void check(NewContentRequest request) {
        List<FieldProblem> problems = problems(request);
        if (!problems.isEmpty()) {
            throw new InvalidContentInput(problems);
        }
    }

    /** Reads the start form's variables; throws {@link InvalidContentInput} listing every invalid field. */
    NewContentRequest fromVariables(Map<String, Object> variables) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate neededBy = null;
        try {
            neededBy = Values.date(variables.get(NEEDED_BY), NEEDED_BY, businessTime.hours().zone());
        } catch (InvalidContentInput e) {
            problems.addAll(e.errors());
        }
        NewContentRequest request = new NewContentRequest(Values.text(variables.get(TYPE)),
                Values.text(variables.get(TITLE)), Values.text(variables.get(NEED)),
                Values.text(variables.get(PERSONA)), Values.text(variables.get(LEAD_ID)), neededBy);
        problems.addAll(problems(request).stream().filter(p -> !p.field().equals(NEEDED_BY) || neededByReadable(problems))
                .toList());
        if (!problems.isEmpty()) {
            throw new InvalidContentInput(problems);
        }
        return request;
    }

    private static boolean neededByReadable(List<FieldProblem> problems) {
        return problems.stream().noneMatch(p -> p.field().equals(NEEDED_BY));
    }

    List<FieldProblem> problems(NewContentRequest request) {
        List<FieldProblem> problems = new ArrayList<>(validator.validate(request).stream()
                .map(v -> new FieldProblem(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList());
        LocalDate today = EngineClock.today(businessTime.hours().zone());
        if (request.neededBy() != null && request.neededBy().isBefore(today)) {
            problems.add(new FieldProblem(NEEDED_BY, "must be today or later"));
        } else if (request.neededBy() != null && request.neededBy().isAfter(today.plusYears(MAX_YEARS_AHEAD))) {
            problems.add(new FieldProblem(NEEDED_BY, "must be at most " + MAX_YEARS_AHEAD + " years ahead"));
        }
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        texts.put(TYPE, request.type());
        texts.put(TITLE, request.title());
        texts.put(NEED, request.need());
        texts.put(PERSONA, request.persona());
        texts.put(LEAD_ID, request.leadId());
        texts.forEach((field, text) -> {
            if (text != null && !InputBounds.storable(text)) {
                problems.add(new FieldProblem(field, InputBounds.NOT_STORABLE));
            }
        });
        Catalogue catalogue = agreements.catalogue();
        if (request.persona() != null && !request.persona().isBlank()
                && catalogue.persona(request.persona()).isEmpty()) {
            problems.add(new FieldProblem(PERSONA, "must be the key of a persona of the agreement in force: "
                    + String.join(", ", catalogue.personas().stream().map(Catalogue.Persona::key).toList())));
        }
        if (request.leadId() != null && !request.leadId().isBlank() && InputBounds.storable(request.leadId())
                && request.leadId().length() <= 64
                && !leads.exists(request.leadId())) {
            problems.add(new FieldProblem(LEAD_ID, "must be the id of an existing lead"));
        }
        return problems;
    }
}
