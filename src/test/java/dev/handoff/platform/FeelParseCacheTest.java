package dev.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/**
 * The DMN engine with FEEL parses remembered decides every rule table of Handoff exactly as the engine's own
 * does, over a grid of leads, and parses each expression once however often it evaluates it.
 */
class FeelParseCacheTest {

    @Test
    void decidesEveryModelAsTheEngineDoesAndParsesEachExpressionOnce() throws IOException {
        DmnEngine plain = DefaultDmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        DefaultDmnEngineConfiguration configuration =
                (DefaultDmnEngineConfiguration) DefaultDmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        configuration.setFeelEngineFactory(FeelParseCache.factory(configuration));
        DmnEngine caching = configuration.buildEngine();
        var feel = (FeelParseCache.CachingScalaFeelEngine) configuration.getFeelEngine();

        List<Map<String, Object>> leads = leads();
        List<String> first = decideAll(caching, leads);
        int parsed = feel.remembered();
        List<String> second = decideAll(caching, leads);

        assertThat(first).isEqualTo(decideAll(plain, leads)).isEqualTo(second);
        assertThat(first).hasSizeGreaterThan(leads.size() * 5);
        assertThat(parsed).as("distinct expressions parsed").isPositive();
        assertThat(feel.remembered()).as("parsed again on the second pass").isEqualTo(parsed);
    }

    @Test
    void anExpressionThatDoesNotParseFailsEveryTimeAndIsNotRemembered() {
        DefaultDmnEngineConfiguration configuration =
                (DefaultDmnEngineConfiguration) DefaultDmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        configuration.setFeelEngineFactory(FeelParseCache.factory(configuration));
        configuration.buildEngine();
        var feel = (FeelParseCache.CachingScalaFeelEngine) configuration.getFeelEngine();
        var context = Variables.createVariables().putValue("x", 1).asVariableContext();

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> feel.evaluateSimpleExpression("x +* (", context))
                    .isInstanceOf(FeelException.class);
        }
        assertThat(feel.remembered()).isZero();
        assertThat((Object) feel.evaluateSimpleExpression("x + 1", context)).isEqualTo(2L);
        assertThat(feel.remembered()).isEqualTo(1);
    }

    /** Every decision of every model, for each lead: its result list as text (or the failure's message). */
    private static List<String> decideAll(DmnEngine engine, List<Map<String, Object>> leads) throws IOException {
        List<DmnDecision> decisions = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".dmn")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    decisions.addAll(engine.parseDecisions(in));
                }
            }
        }
        List<String> results = new ArrayList<>();
        for (Map<String, Object> lead : leads) {
            for (DmnDecision decision : decisions) {
                try {
                    results.add(decision.getKey() + " " + engine.evaluateDecision(decision, lead).getResultList());
                } catch (RuntimeException e) {
                    results.add(decision.getKey() + " failed: " + e.getMessage());
                }
            }
        }
        return results;
    }

    private static List<Map<String, Object>> leads() {
        List<Map<String, Object>> leads = new ArrayList<>();
        String[] titles = {"VP Sales", "CEO", "Head of Growth", "Sales Manager", "Software Engineer", "Student", null};
        Integer[] sizes = {null, 5, 60, 120, 500, 1200, 20000};
        String[] industries = {"Software", "SaaS", "Retail", "Manufacturing", "Education", null};
        String[] countries = {"DE", "US", "GB", "FR", "JP", null};
        String[] types = {"demo_request", "pricing_page", "webinar", "email_click", "unknown"};
        for (int i = 0; i < 60; i++) {
            Map<String, Object> lead = new HashMap<>();
            lead.put("firstName", i % 11 == 0 ? null : "Ada");
            lead.put("lastName", i % 13 == 0 ? "" : "Lovelace");
            lead.put("jobTitle", titles[i % titles.length]);
            lead.put("seniority", new String[] {"vp", "c_level", "director", "manager", "individual", "unknown"}[i % 6]);
            lead.put("companySize", sizes[i % sizes.length]);
            lead.put("industry", industries[i % industries.length]);
            lead.put("country", countries[i % countries.length]);
            lead.put("phone", i % 4 == 0 ? null : "+49 30 1234567");
            lead.put("email", i % 9 == 0 ? "ada@gmail.com" : "ada@acme.example");
            lead.put("type", types[i % types.length]);
            lead.put("fitPoints", i % 8 == 0 ? null : (i * 7) % 100);
            lead.put("fitGrade", new String[] {"A", "B", "C", "D"}[i % 4]);
            lead.put("segment", new String[] {"enterprise", "mid_market", "smb"}[i % 3]);
            lead.put("engagementScore", (i * 13) % 120 / 1.0);
            leads.add(lead);
        }
        return leads;
    }
}
