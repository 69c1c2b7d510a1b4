package dev.handoff.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rule tables process owners edit, evaluated as the engine evaluates them. */
class LeadDecisionsTest {

    static DmnEngine dmn;
    static Map<String, DmnDecision> decisions = new HashMap<>();

    @BeforeAll
    static void parse() throws Exception {
        dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        for (String file : List.of("lead-fit.dmn", "engagement-points.dmn", "mql-definition.dmn")) {
            try (InputStream in = Files.newInputStream(Path.of("processes", file))) {
                dmn.parseDecisions(in).forEach(d -> decisions.put(d.getKey(), d));
            }
        }
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "VP Sales, vp", "Vice President Marketing, vp", "CEO, c_level", "Co-Founder & CTO, c_level",
            "Head of Growth, director", "Marketing Director, director", "Sales Manager, manager",
            "Team Lead Support, manager", "Software Engineer, individual", "Student, student",
            "Marketing intern, student", "NULL, unknown" })
    void readsSeniorityFromTheJobTitle(String title, String seniority) {
        assertThat((Object) evaluate("job-seniority", Map.of("x", 0), "jobTitle", title).getSingleEntry()).isEqualTo(seniority);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            // title, size, industry, points, grade
            "VP Sales, 500, Software, 75, A",
            "CEO, 1200, SaaS, 85, A",
            "Sales Manager, 120, Manufacturing, 45, C",
            "Director, 60, Retail, 55, B",
            "Software Engineer, 5, Education, 5, D",
            "NULL, NULL, NULL, 0, D" })
    void gradesFit(String title, Integer size, String industry, int points, String grade) {
        Map<String, Object> in = new HashMap<>();
        in.put("jobTitle", title);
        in.put("companySize", size);
        in.put("industry", industry);
        var result = dmn.evaluateDecision(decisions.get("lead-fit"), in).getSingleResult();
        assertThat(((Number) result.getEntry("fitPoints")).intValue()).isEqualTo(points);
        assertThat((String) result.getEntry("fitGrade")).isEqualTo(grade);
        // The persona is an input of fit points; no rule reads it yet, so each persona scores the same.
        for (String persona : new String[] { "sales-leader", "finance-leader", "unmatched", null }) {
            in.put("persona", persona);
            var withPersona = dmn.evaluateDecision(decisions.get("lead-fit"), in).getSingleResult();
            assertThat(((Number) withPersona.getEntry("fitPoints")).intValue()).as(persona).isEqualTo(points);
            assertThat((String) withPersona.getEntry("fitGrade")).as(persona).isEqualTo(grade);
        }
    }

    @ParameterizedTest
    @CsvSource({ "demo_request, 40", "pricing_page, 20", "webinar, 15", "event_visit, 15", "content_download, 10",
            "email_click, 3" })
    void pointsPerEngagement(String type, int points) {
        assertThat(((Number) evaluate("engagement-points", Map.of(), "type", type).getSingleEntry()).intValue())
                .isEqualTo(points);
    }

    @Test
    void everyEngagementTypeOfTheApiHasPoints() {
        for (EngagementType type : EngagementType.values()) {
            assertThat((Object) evaluate("engagement-points", Map.of(), "type", type.code()).getSingleEntry()).as(type.code())
                    .isNotNull();
        }
    }

    @Test
    void aLeadMissingRequiredFieldsNeedsEnrichmentNamingEachField() {
        Map<String, Object> lead = completeLead(80, 50.0);
        lead.put("jobTitle", null);
        lead.put("phone", null);
        DmnDecisionResult result = dmn.evaluateDecision(decisions.get("mql-definition"), lead);
        assertThat(result.collectEntries("missingField")).contains("jobTitle", "phone");
        assertThat(result.get(0).<String>getEntry("verdict")).isEqualTo("ENRICHMENT");
    }

    @ParameterizedTest
    @CsvSource({ "50, 25.0, MQL", "49, 79.9, NURTURE", "90, 24.9, NURTURE", "0, 80.0, MQL", "10, 3.0, NURTURE" })
    void thresholdsOnFitAndEngagement(int fit, double engagement, String verdict) {
        DmnDecisionResult result = dmn.evaluateDecision(decisions.get("mql-definition"), completeLead(fit, engagement));
        assertThat(result.get(0).<String>getEntry("verdict")).isEqualTo(verdict);
        assertThat(result.collectEntries("verdict")).doesNotContain("ENRICHMENT");
    }

    private static Map<String, Object> completeLead(int fit, double engagement) {
        Map<String, Object> lead = new HashMap<>();
        lead.put("firstName", "Vera");
        lead.put("lastName", "Vice");
        lead.put("jobTitle", "VP Sales");
        lead.put("companySize", 500);
        lead.put("industry", "Software");
        lead.put("phone", "+49 30 1");
        lead.put("email", "vera@acme.example");
        lead.put("fitPoints", fit);
        lead.put("engagementScore", engagement);
        return lead;
    }

    private static DmnDecisionResult evaluate(String key, Map<String, Object> base, String name, Object value) {
        Map<String, Object> in = new HashMap<>(base);
        in.put(name, value);
        return dmn.evaluateDecision(decisions.get(key), in);
    }
}
