package dev.handoff.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.handoff.platform.FieldProblem;

/** Which persona a job title matches, and what a proposed catalogue must be. */
class CatalogueTest {

    static final Catalogue DEFAULTS = Catalogue.defaults();

    @Test
    void aJobTitleMatchesThePersonaOfItsTypicalTitleWhateverItsCaseAndSpacing() {
        assertThat(key("CFO")).contains("finance-leader");
        assertThat(key("  head   of FINANCE ")).contains("finance-leader");
        assertThat(key("vp sales")).contains("sales-leader");
        assertThat(key("IT lead")).contains("it-leader");
        assertThat(key("CEO")).contains("founder-ceo");
    }

    @Test
    void aTypicalTitleInsideTheJobTitleMatchesAsWholeWordsOnly() {
        assertThat(key("Deputy CFO, DACH")).contains("finance-leader");
        assertThat(key("Senior Controller")).contains("finance-leader");
        assertThat(key("CFOs assistant")).isEmpty();
        assertThat(key("Intern")).isEmpty();
        assertThat(key("Operations manager")).isEmpty();
        assertThat(key("   ")).isEmpty();
        assertThat(key(null)).isEmpty();
    }

    @Test
    void theLongestTypicalTitleFoundWinsAndATieGoesToThePersonaListedFirst() {
        Catalogue catalogue = new Catalogue(DEFAULTS.icp(), List.of(
                persona("managers", "Manager"), persona("sales", "Sales Manager"), persona("ops", "Ops Lead"),
                persona("revenue", "Rev Lead")));
        assertThat(catalogue.match("Regional Sales Manager").map(Catalogue.Persona::key)).contains("sales");
        assertThat(catalogue.match("Account Manager").map(Catalogue.Persona::key)).contains("managers");
        // "Ops Lead" and "Rev Lead" are as long: the persona listed first takes the title holding both.
        assertThat(catalogue.match("Rev Lead and Ops Lead").map(Catalogue.Persona::key)).contains("ops");
        // An exact title beats a longer one found inside it.
        Catalogue exact = new Catalogue(DEFAULTS.icp(), List.of(persona("long", "Head of Sales EMEA"),
                persona("short", "Head of Sales")));
        assertThat(exact.match("head of sales").map(Catalogue.Persona::key)).contains("short");
    }

    @Test
    void aProposedCatalogueNamesEachInvalidFieldOfEachPersona() {
        List<FieldProblem> problems = new ArrayList<>();
        List<Catalogue.Persona> checked = CatalogueRules.personas(List.of(
                new Catalogue.Persona(" finance-leader ", " Finance ", List.of(" CFO ", ""), null, "Say it"),
                new Catalogue.Persona("Finance Leader", "", List.of("cfo"), "x".repeat(301), null),
                new Catalogue.Persona("finance-leader", "Again", List.of(), null, null),
                new Catalogue.Persona(Catalogue.UNMATCHED, "None", List.of("Clerk"), null, null)), problems);
        assertThat(checked.get(0)).isEqualTo(new Catalogue.Persona("finance-leader", "Finance", List.of("CFO"), null,
                "Say it"));
        assertThat(problems).extracting(FieldProblem::field).containsExactly("personas[1].key", "personas[1].name",
                "personas[1].titles", "personas[1].pains", "personas[2].key", "personas[2].titles", "personas[3].key");
        assertThat(problems.get(2).message()).contains("\"cfo\" is a title of finance-leader already");

        List<FieldProblem> none = new ArrayList<>();
        CatalogueRules.personas(List.of(), none);
        assertThat(none).extracting(FieldProblem::field).containsExactly("personas");
    }

    @Test
    void theFormsLinesAndCommasReadBackAsTheCatalogueTheyWrite() {
        String lines = CatalogueRules.lines(DEFAULTS.personas());
        assertThat(lines.lines()).hasSize(DEFAULTS.personas().size())
                .first().asString().startsWith("finance-leader | Finance leader | CFO, Head of Finance, ");
        assertThat(CatalogueRules.lines(lines)).isEqualTo(DEFAULTS.personas());
        assertThat(CatalogueRules.lines("ops | Ops lead | COO\n\n  ")).containsExactly(
                new Catalogue.Persona("ops", "Ops lead", List.of("COO"), null, null));
        assertThat(CatalogueRules.lines("  ")).isNull();
        assertThat(CatalogueRules.commaSeparated(" DACH, ,Nordics ")).containsExactly("DACH", "Nordics");
        assertThat(CatalogueRules.commaSeparated(" - ")).isEmpty();
        assertThat(CatalogueRules.commaSeparated(List.of())).isEqualTo("-");
        assertThat(CatalogueRules.commaSeparated((List<String>) null)).isNull();
        List<FieldProblem> problems = new ArrayList<>();
        Catalogue.Icp icp = CatalogueRules.icp(new Catalogue.Icp(null, List.of(), List.of(" saas "), null),
                DEFAULTS.icp(), problems);
        assertThat(icp).isEqualTo(new Catalogue.Icp(DEFAULTS.icp().segments(), List.of(), List.of("saas"),
                DEFAULTS.icp().regions()));
        assertThat(problems).isEmpty();
        assertThat(CatalogueRules.writable(null, List.of(new Catalogue.Persona("a-b", "A | B", List.of("CFO, CEO"),
                null, "line\nbreak")))).extracting(FieldProblem::field)
                .containsExactly("personas[0].name", "personas[0].whatToSay", "personas[0].titles");
    }

    /**
     * Tasklist gives a start form no variables, so the content request's persona select lists agreement 1's
     * personas itself: it must list them all, as the catalogue names them.
     */
    @Test
    void theContentRequestStartFormOffersTheFirstAgreementsPersonas() throws IOException {
        JsonNode form = new ObjectMapper().readTree(Files.readString(Path.of("forms/request-content.form")));
        JsonNode persona = null;
        for (JsonNode component : form.path("components")) {
            if ("persona".equals(component.path("key").asText())) {
                persona = component;
            }
        }
        assertThat(persona).isNotNull();
        assertThat(persona.path("type").asText()).isEqualTo("select");
        List<Map<String, String>> options = new ArrayList<>();
        persona.path("values").forEach(v -> options.add(Map.of("label", v.path("label").asText(),
                "value", v.path("value").asText())));
        assertThat(options).isEqualTo(DEFAULTS.options()).hasSize(4);
    }

    private static Optional<String> key(String jobTitle) {
        return DEFAULTS.match(jobTitle).map(Catalogue.Persona::key);
    }

    private static Catalogue.Persona persona(String key, String title) {
        return new Catalogue.Persona(key, key, List.of(title), null, null);
    }
}
