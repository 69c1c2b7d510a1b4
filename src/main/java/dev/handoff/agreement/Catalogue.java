package dev.handoff.agreement;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whom both teams are trying to reach, maintained through the agreement like everything else in it: the ideal
 * customer profile and the persona catalogue. Lead fit takes the persona a lead's job title matches as an input;
 * content requests and hub assets name a persona of the catalogue by its key.
 */
public record Catalogue(Icp icp, List<Persona> personas) {

    /** The ideal customer profile: segments, company sizes (as routing and fit name them), industries, regions. */
    public record Icp(List<String> segments, List<String> companySizes, List<String> industries,
            List<String> regions) {
    }

    /**
     * A persona: its key (what content and leads record), its name, the job titles it typically holds, its pains
     * and what to say to it.
     */
    public record Persona(String key, String name, List<String> titles, String pains, String whatToSay) {
    }

    /** What the reports and the lead show for a lead whose job title matches no persona. */
    public static final String UNMATCHED = "unmatched";

    public Optional<Persona> persona(String key) {
        return key == null ? Optional.empty() : personas.stream().filter(p -> p.key().equals(key)).findFirst();
    }

    /**
     * The persona a job title matches, case-insensitively: a typical title equal to the job title wins; else the
     * longest typical title found in it as whole words ("CFO" in "Deputy CFO", not in "CFOs"); a tie goes to the
     * persona listed first. Nothing for a blank job title or one no typical title is part of.
     */
    public Optional<Persona> match(String jobTitle) {
        String title = normal(jobTitle);
        if (title.isEmpty()) {
            return Optional.empty();
        }
        Persona best = null;
        int bestLength = 0;
        for (Persona persona : personas) {
            for (String typical : persona.titles()) {
                String t = normal(typical);
                if (t.isEmpty()) {
                    continue;
                }
                if (t.equals(title)) {
                    return Optional.of(persona);
                }
                if (t.length() > bestLength && Pattern.compile("(^|[^\\p{L}\\p{N}])" + Pattern.quote(t)
                        + "($|[^\\p{L}\\p{N}])").matcher(title).find()) {
                    best = persona;
                    bestLength = t.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The catalogue's personas as the options of a Camunda Forms select: [{label, value}]. */
    public List<Map<String, String>> options() {
        return personas.stream().map(p -> Map.of("label", p.name(), "value", p.key())).toList();
    }

    /** The agreement's catalogue, the default one for an agreement made before catalogues existed. */
    public static Catalogue of(Agreement agreement) {
        return agreement.catalogue() == null ? defaults() : agreement.catalogue();
    }

    static String normal(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** The catalogue agreement 1 starts with: the demo's buyers, in the ICP lead fit and routing already favour. */
    public static Catalogue defaults() {
        return new Catalogue(
                new Icp(List.of("mid-market", "enterprise"), List.of("50-199", "200-999", "1000+"),
                        List.of("software", "saas", "fintech", "it services", "cybersecurity"),
                        List.of("DACH", "Nordics", "UK and Ireland")),
                List.of(new Persona("finance-leader", "Finance leader",
                                List.of("CFO", "Head of Finance", "VP Finance", "Finance Director", "Controller"),
                                "Month-end close takes too long; spend is hard to forecast",
                                "Show the close in days instead of weeks and the forecast both teams can trust"),
                        new Persona("sales-leader", "Sales leader",
                                List.of("VP Sales", "Head of Sales", "Sales Director", "CRO", "Chief Revenue Officer"),
                                "Reps chase bad leads; the pipeline number is a guess",
                                "Show how routed, scored leads reach the right rep within the SLA"),
                        new Persona("it-leader", "IT leader",
                                List.of("CTO", "CIO", "IT lead", "Head of IT", "IT Director", "IT Manager"),
                                "Yet another tool to integrate and secure",
                                "Lead with the API, single sign-on and where the data lives"),
                        new Persona("founder-ceo", "Founder or CEO",
                                List.of("CEO", "Founder", "Co-founder", "Managing Director"),
                                "Growth stalls while marketing and sales blame each other",
                                "One agreement, one set of figures both teams sign")));
    }
}
