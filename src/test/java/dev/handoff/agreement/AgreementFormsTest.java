package dev.handoff.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** What the start forms show of an agreement: filled in place, the same every time, both teams' text as typed. */
class AgreementFormsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void thePersonaSelectListsTheCatalogueAndASecondFillChangesNothing() throws IOException {
        ObjectNode form = form("request-content");
        String before = form.toString();
        List<Catalogue.Persona> personas = new ArrayList<>(Catalogue.defaults().personas());
        personas.add(new Catalogue.Persona("ops-leader", "Operations leader", List.of("COO"), null, null));
        Catalogue catalogue = new Catalogue(Catalogue.defaults().icp(), personas);

        assertThat(AgreementForms.personaOptions(form, catalogue)).isTrue();
        JsonNode select = component(form, "Field_Persona");
        assertThat(select.path("values")).extracting(v -> v.path("value").asText())
                .containsExactly("finance-leader", "sales-leader", "it-leader", "founder-ceo", "ops-leader");
        assertThat(select.path("values").get(4).path("label").asText()).isEqualTo("Operations leader");
        String once = form.toString();
        AgreementForms.personaOptions(form, catalogue);
        assertThat(form.toString()).isEqualTo(once);
        // Only the options changed: the other fields are as the file has them.
        ObjectNode file = form("request-content");
        ((ObjectNode) component(file, "Field_Persona")).set("values", select.path("values"));
        assertThat(form).isEqualTo(file);
        assertThat(before).isNotEqualTo(once);
    }

    @Test
    void theProposalFormSaysWhatIsInForceUnderEachSection() throws IOException {
        ObjectNode form = form("propose-agreement");
        OffsetDateTime since = OffsetDateTime.parse("2031-05-19T00:00:00+02:00");
        Agreement agreement = new Agreement(3, Agreement.Status.IN_FORCE, LocalDate.parse("2031-05-19"), since, null,
                new Agreement.Decisions(4, 2, 1, 5), new Agreement.Targets(0.9, 0.85, 0.25, 0.5),
                new Agreement.Objectives(120, null, null, null), Catalogue.defaults(), "s", "sally",
                Agreement.Side.SALES, since, new Agreement.Signature("mark", since),
                new Agreement.Signature("sally", since), null);

        assertThat(AgreementForms.inForceTexts(form, agreement)).isTrue();
        assertThat(component(form, "Text_InForce").path("text").asText()).startsWith(
                "**In force now: agreement 3** since 2031-05-19, signed by mark for marketing and sally for sales");
        assertThat(component(form, "Text_InForceMarketing").path("text").asText())
                .isEqualTo("In force: mql-definition v4, lead-fit v5.");
        assertThat(component(form, "Text_InForceSales").path("text").asText())
                .contains("sla-policy v2", "lead-routing v1", "acceptance 0.85");
        assertThat(component(form, "Text_InForceObjectives").path("text").asText())
                .contains("MQLs 120", "SQLs none");
        assertThat(component(form, "Text_InForceCatalogue").path("text").asText())
                .contains("finance\\-leader \\| Finance leader \\| CFO, Head of Finance");
        String once = form.toString();
        AgreementForms.inForceTexts(form, agreement);
        assertThat(form.toString()).isEqualTo(once);
        // A form without the texts (someone removed them in Modeler) is left alone.
        ObjectNode bare = form("request-content");
        assertThat(AgreementForms.inForceTexts(bare, agreement)).isFalse();
        assertThat(bare).isEqualTo(form("request-content"));
    }

    /** Whatever both teams typed reads back literally: no markdown, no template expression, one line. */
    @Property(tries = 500)
    void typedTextIsShownLiterally(@ForAll String typed) {
        String shown = AgreementForms.md(typed);
        assertThat(shown).doesNotContain("{{", "}}", "\n", "\r");
        assertThat(unescape(shown)).isEqualTo(typed.replace('\n', ' ').replace('\r', ' '));
    }

    /** As CommonMark reads a backslash before punctuation: the punctuation itself. */
    private static String unescape(String shown) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < shown.length(); i++) {
            char ch = shown.charAt(i);
            if (ch == '\\' && i + 1 < shown.length()) {
                ch = shown.charAt(++i);
            }
            out.append(ch);
        }
        return out.toString();
    }

    private static ObjectNode form(String key) throws IOException {
        return (ObjectNode) JSON.readTree(Files.readString(Path.of("forms", key + ".form")));
    }

    private static JsonNode component(JsonNode form, String id) {
        for (JsonNode component : form.path("components")) {
            if (id.equals(component.path("id").asText())) {
                return component;
            }
        }
        throw new AssertionError("no " + id);
    }
}
