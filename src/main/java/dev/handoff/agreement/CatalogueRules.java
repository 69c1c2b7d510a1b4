package dev.handoff.agreement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.handoff.platform.FieldProblem;
import dev.handoff.platform.InputBounds;

/**
 * What a proposed ideal customer profile and persona catalogue must be, field by field, and how the Tasklist forms
 * write them: the profile's lists comma-separated, one persona a line as {@code key | name | titles | pains | what
 * to say} with the titles comma-separated.
 */
final class CatalogueRules {

    static final int MAX_ICP_ENTRIES = 12;
    static final int MAX_ICP_ENTRY = 60;
    static final int MAX_PERSONAS = 10;
    static final int MAX_TITLES = 10;
    static final int MAX_TITLE = 60;
    static final int MAX_NAME = 60;
    static final int MAX_TEXT = 300;
    /** What a form writes for an empty list of the profile. */
    static final String NONE = "-";
    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{1,39}");

    /**
     * The proposed profile over the one in force: a list left out (null) keeps the one in force; entries are
     * stripped and blanks dropped; problems named {@code icp.<list>}.
     */
    static Catalogue.Icp icp(Catalogue.Icp icp, Catalogue.Icp inForce, List<FieldProblem> problems) {
        return new Catalogue.Icp(list(icp.segments(), inForce.segments(), "icp.segments", problems),
                list(icp.companySizes(), inForce.companySizes(), "icp.companySizes", problems),
                list(icp.industries(), inForce.industries(), "icp.industries", problems),
                list(icp.regions(), inForce.regions(), "icp.regions", problems));
    }

    /** The personas checked and stripped; problems named {@code personas[i].<field>}. */
    static List<Catalogue.Persona> personas(List<Catalogue.Persona> personas, List<FieldProblem> problems) {
        if (personas.isEmpty() || personas.size() > MAX_PERSONAS) {
            problems.add(new FieldProblem("personas", "must list 1 to " + MAX_PERSONAS + " personas"));
            return personas;
        }
        List<Catalogue.Persona> checked = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        Map<String, String> titleOwners = new HashMap<>();
        for (int i = 0; i < personas.size(); i++) {
            String at = "personas[" + i + "].";
            Catalogue.Persona p = personas.get(i);
            if (p == null) {
                problems.add(new FieldProblem("personas[" + i + "]", "must be a persona"));
                continue;
            }
            String key = strip(p.key());
            if (key == null || !KEY.matcher(key).matches() || key.equals(Catalogue.UNMATCHED)) {
                problems.add(new FieldProblem(at + "key", "must be 2 to 40 lower-case letters, digits or dashes, "
                        + "starting with a letter (not \"" + Catalogue.UNMATCHED + "\"), e.g. finance-leader"));
            } else if (!keys.add(key)) {
                problems.add(new FieldProblem(at + "key", "repeats the key " + key + ": each persona needs its own"));
            }
            String name = text(p.name(), MAX_NAME, true, at + "name", problems);
            List<String> titles = p.titles() == null ? List.of()
                    : p.titles().stream().map(CatalogueRules::strip).filter(t -> t != null).toList();
            if (titles.isEmpty() || titles.size() > MAX_TITLES) {
                problems.add(new FieldProblem(at + "titles", "must list 1 to " + MAX_TITLES + " typical job titles"));
            }
            for (String title : titles) {
                String owner = titleOwners.putIfAbsent(Catalogue.normal(title), String.valueOf(key));
                if (title.length() > MAX_TITLE || !InputBounds.storable(title)) {
                    problems.add(new FieldProblem(at + "titles", "must be job titles of at most " + MAX_TITLE
                            + " characters"));
                } else if (owner != null && !owner.equals(String.valueOf(key))) {
                    problems.add(new FieldProblem(at + "titles", "\"" + title + "\" is a title of " + owner
                            + " already: a job title may point to one persona only"));
                }
            }
            checked.add(new Catalogue.Persona(key, name, titles,
                    text(p.pains(), MAX_TEXT, false, at + "pains", problems),
                    text(p.whatToSay(), MAX_TEXT, false, at + "whatToSay", problems)));
        }
        return checked;
    }

    /**
     * What the API's proposal may not hold because the process carries the catalogue as the forms write it: a
     * bar or line break in a persona's field, a comma in a title or in an entry of the profile.
     */
    static List<FieldProblem> writable(Catalogue.Icp icp, List<Catalogue.Persona> personas) {
        List<FieldProblem> problems = new ArrayList<>();
        if (icp != null) {
            Map<String, List<String>> lists = new java.util.LinkedHashMap<>();
            lists.put("icp.segments", icp.segments());
            lists.put("icp.companySizes", icp.companySizes());
            lists.put("icp.industries", icp.industries());
            lists.put("icp.regions", icp.regions());
            lists.forEach((field, entries) -> {
                if (entries != null && entries.stream().anyMatch(e -> e == null || e.contains(",") || breaks(e)
                        || e.strip().equals(NONE))) {
                    problems.add(new FieldProblem(field,
                            "must list entries without commas or line breaks (not \"-\")"));
                }
            });
        }
        for (int i = 0; personas != null && i < personas.size(); i++) {
            Catalogue.Persona p = personas.get(i);
            String at = "personas[" + i + "].";
            if (p == null) {
                continue;
            }
            Map<String, String> fields = new java.util.LinkedHashMap<>();
            fields.put("key", p.key());
            fields.put("name", p.name());
            fields.put("pains", p.pains());
            fields.put("whatToSay", p.whatToSay());
            fields.forEach((field, value) -> {
                if (value != null && (value.contains("|") || breaks(value))) {
                    problems.add(new FieldProblem(at + field, "may not contain | or line breaks"));
                }
            });
            if (p.titles() != null && p.titles().stream().anyMatch(t -> t == null || t.contains(",") || t.contains("|")
                    || breaks(t))) {
                problems.add(new FieldProblem(at + "titles", "must be job titles without commas, | or line breaks"));
            }
        }
        return problems;
    }

    private static boolean breaks(String text) {
        return text.contains("\n") || text.contains("\r");
    }

    /** A form's comma-separated list: null for a blank field (keep what is in force), none for "-". */
    static List<String> commaSeparated(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.strip().equals(NONE) ? List.of()
                : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A list as a form writes it: null keeps what is in force, "-" for none. */
    static String commaSeparated(List<String> entries) {
        return entries == null ? null : entries.isEmpty() ? NONE : String.join(", ", entries);
    }

    /** A form's persona lines ({@code key | name | titles | pains | what to say}); null for a blank field. */
    static List<Catalogue.Persona> lines(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.lines().filter(line -> !line.isBlank()).map(line -> {
            String[] parts = line.split("\\|", -1);
            String titles = part(parts, 2);
            return new Catalogue.Persona(part(parts, 0), part(parts, 1),
                    titles == null ? List.of() : commaSeparated(titles), part(parts, 3), part(parts, 4));
        }).toList();
    }

    /** The personas as the forms write them, one a line. */
    static String lines(List<Catalogue.Persona> personas) {
        return personas.stream().map(p -> String.join(" | ", p.key(), p.name(), String.join(", ", p.titles()),
                p.pains() == null ? "" : p.pains(), p.whatToSay() == null ? "" : p.whatToSay()))
                .collect(Collectors.joining("\n"));
    }

    private static String part(String[] parts, int i) {
        return i < parts.length ? strip(parts[i]) : null;
    }

    private static List<String> list(List<String> entries, List<String> inForce, String field,
            List<FieldProblem> problems) {
        if (entries == null) {
            return inForce;
        }
        List<String> kept = entries.stream().map(CatalogueRules::strip).filter(e -> e != null).distinct().toList();
        if (kept.size() > MAX_ICP_ENTRIES
                || kept.stream().anyMatch(e -> e.length() > MAX_ICP_ENTRY || !InputBounds.storable(e))) {
            problems.add(new FieldProblem(field, "must list at most " + MAX_ICP_ENTRIES + " entries of at most "
                    + MAX_ICP_ENTRY + " characters"));
        }
        return kept;
    }

    private static String text(String value, int max, boolean required, String field, List<FieldProblem> problems) {
        String text = strip(value);
        if (text == null && required) {
            problems.add(new FieldProblem(field, "is required"));
        } else if (text != null && (text.length() > max || !InputBounds.storable(text))) {
            problems.add(new FieldProblem(field, "must be at most " + max + " characters of text"));
        }
        return text;
    }

    private static String strip(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private CatalogueRules() {
    }
}
