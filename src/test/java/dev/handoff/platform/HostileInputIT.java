package dev.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestContextManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;
import dev.handoff.support.TestDatabase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated hostile input against every endpoint that takes input, over real HTTP on the integration tests'
 * shared Handoff (jqwik runs beside Jupiter; the Spring context comes from Spring's own test context cache, so
 * this is the same Handoff the other ITs use). Each try mutates one part of a valid request and knows whether
 * the result is valid (must be accepted and stored as sent), invalid (must be a 400 problem naming the field)
 * or either way (then, if accepted, stored as sent). Never a 5xx; nothing partial stored.
 */
@IntegrationTest
class HostileInputIT {

    enum Expect { VALID, INVALID, EITHER }

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final AtomicInteger CASES = new AtomicInteger();
    static final Set<String> PERSONA_KEYS = Set.of("finance-leader", "sales-leader", "it-leader", "founder-ceo");
    static final AtomicInteger SERVER_ERRORS = new AtomicInteger();
    static final AtomicInteger INVALID_ACCEPTED = new AtomicInteger();
    static final List<String> FAILURES = new ArrayList<>();

    static int port;
    static JdbcClient jdbc;
    static String nurturedLead;

    @BeforeContainer
    static void startHandoff() throws Exception {
        ApplicationContext context = new TestContextManager(HostileInputIT.class).getTestContext()
                .getApplicationContext();
        port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        jdbc = context.getBean(JdbcClient.class);
        Api.Response lead = Api.as(port, "intake").post("/api/leads",
                Map.of("email", "hostile-" + UUID.randomUUID() + "@example.com", "source", "inbound"));
        assertThat(lead.status()).as(lead.body()).isEqualTo(201);
        nurturedLead = lead.json().path("id").asText();
    }

    @AfterContainer
    static void healthyAfterwards() {
        System.out.printf("Hostile input on %s: %d generated cases, %d answered 5xx, %d invalid accepted%n",
                TestDatabase.name(), CASES.get(), SERVER_ERRORS.get(), INVALID_ACCEPTED.get());
        FAILURES.stream().limit(40).forEach(f -> System.out.println("  " + f));
        Api.Response health = Api.anonymous(port).get("/actuator/health");
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
    }

    // ---- Values ---------------------------------------------------------------------------------------------

    /** Text as hostile clients send it: control characters, NUL, lone surrogates, RTL, emoji, markup, long runs. */
    static Arbitrary<String> hostileText() {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.oneOf(
                Arbitraries.of("", " ", "\t\n", "\u0000", "a\u0000b", "\ud800", "x\udc00y", "😀", "\u202eevil",
                        "<script>alert(1)</script>", "' or 1=1 --", "../../etc/passwd", "%00", "é", "\uFEFFbom",
                        "null", "true", "1", "1.5", "-1", "inbound", "INBOUND", "demo_request"),
                Arbitraries.strings().ofMaxLength(12))),
                Tuple.of(1, Arbitraries.integers().between(0, 2100)
                        .map(n -> "x".repeat(n))));
    }

    /** Any JSON value a field may get instead of the right one. */
    static Arbitrary<JsonNode> hostileValue() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, hostileText().map(t -> (JsonNode) NODES.textNode(t))),
                Tuple.of(3, Arbitraries.of("0", "-1", "1", "25", "1.5", "1e308", "-1e308",
                        "4294967297", "2147483648", "9223372036854775808", "1e12", "999999999999.99",
                        "1000000000000", "0.001", "-0.0", "1E2").map(HostileInputIT::parse)),
                Tuple.of(1, Arbitraries.of(NODES.booleanNode(true), NODES.nullNode(),
                        NODES.arrayNode(), NODES.objectNode(), NODES.arrayNode().add(1))));
    }

    static Arbitrary<JsonNode> hostileTimestamp() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("2024-05-01T10:00:00Z", "2024-05-01T10:00:00+02:00",
                        "2024-05-01T10:00:00.123456789Z", "2999-01-01T00:00:00Z", "1000-01-01T00:00:00Z",
                        "1999-12-31T23:59:59Z", "-999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
                        "2024-05-01", "2024-05-01T10:00:00", "2024-02-30T10:00:00Z", "yesterday", "").map(t -> (JsonNode) NODES.textNode(t))),
                Tuple.of(1, hostileValue()));
    }

    static Arbitrary<JsonNode> hostileDate() {
        LocalDate soon = EngineClock.now().toLocalDate().plusDays(30);
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(soon.toString(), soon.plusYears(4).toString(),
                        soon.plusYears(6).toString(), "2020-01-01", "+999999999-12-31", "-999999-01-01",
                        "2026-13-01", "2026-02-30", soon + "T10:00:00Z", "").map(t -> (JsonNode) NODES.textNode(t))),
                Tuple.of(1, hostileValue()));
    }

    /** The body as sent: non-ASCII escaped, so that a lone surrogate reaches Handoff as one (not as '?'). */
    static String wire(JsonNode body) {
        try {
            return JSON.writer().with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature())
                    .writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    // ---- What is valid --------------------------------------------------------------------------------------

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** NUL, unpaired surrogates: no database stores them as sent. */
    static boolean storable(String s) {
        return InputBounds.storable(s);
    }

    static Expect text(JsonNode v, int max, boolean required) {
        if (v.isNull()) {
            return required ? Expect.INVALID : Expect.VALID;
        }
        if (v.isContainerNode()) {
            return Expect.INVALID;
        }
        if (!v.isTextual()) {
            return Expect.EITHER;
        }
        if (!storable(v.asText())) {
            return Expect.INVALID;
        }
        if (v.asText().isBlank() != v.asText().trim().isEmpty()) {
            // Only control characters (blank to Bean Validation's trim, not to isBlank) or only Unicode spaces
            // (the other way round): Handoff may take it as text or as blank; either way not a 5xx.
            return Expect.EITHER;
        }
        String s = blankToNull(v.asText());
        if (s == null) {
            return required ? Expect.INVALID : Expect.VALID;
        }
        return s.length() > max ? Expect.INVALID : Expect.VALID;
    }

    /** A whole number in [min, max] as a JSON integer; a fraction, text (even "5") or anything else is not. */
    static Expect whole(JsonNode v, long min, long max) {
        if (v.isNull()) {
            return Expect.VALID;
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() && v.asLong() >= min && v.asLong() <= max ? Expect.VALID : Expect.INVALID;
        }
        return Expect.INVALID;
    }

    static Expect timestamp(JsonNode v, OffsetDateTime earliest, OffsetDateTime latest) {
        if (!v.isTextual()) {
            return Expect.INVALID;
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(v.asText());
            return t.isBefore(earliest) || t.isAfter(latest) ? Expect.INVALID : Expect.VALID;
        } catch (DateTimeParseException e) {
            return Expect.INVALID;
        }
    }

    static final OffsetDateTime EARLIEST = OffsetDateTime.parse("2000-01-01T00:00:00Z");

    // ---- Checking an answer ---------------------------------------------------------------------------------

    /** Records and asserts one answer: no 5xx; invalid is a problem naming {@code field}; valid is accepted. */
    static boolean judge(String what, Expect expect, String field, Api.Response r) {
        CASES.incrementAndGet();
        String describe = what + " -> " + r.status() + " " + abbreviate(r.body());
        if (r.status() >= 500) {
            SERVER_ERRORS.incrementAndGet();
            fail("5xx: " + describe);
        }
        boolean accepted = r.status() < 400;
        if (accepted && expect == Expect.INVALID) {
            INVALID_ACCEPTED.incrementAndGet();
            fail("invalid accepted: " + describe);
        }
        if (!accepted) {
            assertThat(r.contentType()).as(describe).startsWith("application/problem+json");
            JsonNode problem = r.json();
            assertThat(problem.path("status").asInt()).as(describe).isEqualTo(r.status());
            if (r.status() == 400) {
                Set<String> fields = new java.util.HashSet<>();
                problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
                assertThat(fields).as("fields named by " + describe).isNotEmpty();
                if (field != null && expect == Expect.INVALID) {
                    List<String> named = List.of(field.split("\\|"));
                    assertThat(fields.stream().anyMatch(f -> f.equals("body") || named.stream().anyMatch(n ->
                            f.equals(n) || f.startsWith(n + ".") || f.startsWith(n + "["))))
                            .as("%s names %s", describe, field).isTrue();
                }
                assertThat(r.body().length()).as("a problem does not echo a huge value: " + what)
                        .isLessThan(4_000);
            }
            if (expect == Expect.VALID && r.status() == 400) {
                fail("valid refused: " + describe);
            }
        }
        return accepted;
    }

    static void fail(String message) {
        synchronized (FAILURES) {
            FAILURES.add(message);
        }
        throw new AssertionError(message);
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---- POST /api/leads ------------------------------------------------------------------------------------

    static final Map<String, Integer> LEAD_TEXT = new LinkedHashMap<>();
    static {
        LEAD_TEXT.put("externalId", 100);
        LEAD_TEXT.put("firstName", 100);
        LEAD_TEXT.put("lastName", 100);
        LEAD_TEXT.put("jobTitle", 150);
        LEAD_TEXT.put("company", 200);
        LEAD_TEXT.put("industry", 100);
        LEAD_TEXT.put("campaign", 150);
    }

    static final List<String> LEAD_FIELDS = List.of("externalId", "firstName", "lastName", "jobTitle", "company",
            "industry", "campaign", "email", "phone", "country", "companySize", "source", "engagements", "unknown");

    @Provide
    Arbitrary<JsonNode> engagement() {
        return Combinators.combine(Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("webinar", "demo_request", "pricing_page")
                        .map(t -> (JsonNode) NODES.textNode(t))),
                Tuple.of(1, hostileValue())), hostileTimestamp())
                .as((type, at) -> {
                    ObjectNode e = NODES.objectNode();
                    e.set("type", type);
                    e.set("occurredAt", at);
                    return e;
                });
    }

    static Expect engagementExpect(JsonNode e) {
        if (!e.isObject()) {
            return Expect.INVALID;
        }
        JsonNode type = e.path("type");
        boolean typeOk = type.isTextual() && Set.of("content_download", "webinar", "pricing_page", "demo_request",
                "email_click", "event_visit").contains(type.asText());
        if (!typeOk) {
            return Expect.INVALID;
        }
        return timestamp(e.path("occurredAt"), EARLIEST, EngineClock.now().plusMinutes(1));
    }

    static Expect engagementsExpect(JsonNode list, int min) {
        if (list.isNull()) {
            return min == 0 ? Expect.VALID : Expect.INVALID;
        }
        if (!list.isArray() || list.size() < min || list.size() > 100) {
            return Expect.INVALID;
        }
        Expect result = Expect.VALID;
        for (JsonNode e : list) {
            Expect one = engagementExpect(e);
            if (one == Expect.INVALID) {
                return Expect.INVALID;
            }
        }
        return result;
    }

    @Provide
    Arbitrary<JsonNode> engagementList() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, engagement().list().ofMaxSize(3).map(l -> {
                    var a = NODES.arrayNode();
                    l.forEach(a::add);
                    return (JsonNode) a;
                })),
                Tuple.of(1, Arbitraries.of(101, 0).map(n -> {
                    var a = NODES.arrayNode();
                    for (int i = 0; i < n; i++) {
                        a.add(parse("{\"type\":\"webinar\",\"occurredAt\":\"2024-05-01T10:00:" + String.format("%02d",
                                i % 60) + "." + String.format("%03d", i) + "Z\"}"));
                    }
                    return (JsonNode) a;
                })),
                Tuple.of(1, hostileValue()));
    }

    @Provide
    Arbitrary<Map.Entry<String, JsonNode>> leadMutation() {
        Arbitrary<String> field = Arbitraries.of(LEAD_FIELDS);
        return field.flatMap(f -> (f.equals("engagements") ? engagementList() : hostileValue())
                .map(v -> Map.entry(f, v)));
    }

    static Expect leadExpect(String field, JsonNode v) {
        if (LEAD_TEXT.containsKey(field)) {
            return text(v, LEAD_TEXT.get(field), false);
        }
        return switch (field) {
            case "email" -> {
                Expect t = text(v, 254, true);
                yield t == Expect.INVALID ? t : Expect.EITHER;
            }
            case "phone" -> {
                Expect t = text(v, 40, false);
                yield t == Expect.VALID && v.isTextual() && blankToNull(v.asText()) != null
                        && !blankToNull(v.asText()).matches("[+0-9 ()./-]*") ? Expect.INVALID : t;
            }
            case "country" -> {
                Expect t = text(v, 2, false);
                yield t == Expect.INVALID ? t : v.isTextual() && Set.of("DE", "US").contains(v.asText()) ? Expect.VALID
                        : blankToNull(v.asText()) == null ? Expect.VALID : Expect.EITHER;
            }
            case "companySize" -> whole(v, 1, 10_000_000);
            case "source" -> v.isTextual() && Set.of("inbound", "outbound", "event", "partner", "referral")
                    .contains(v.asText()) ? Expect.VALID : Expect.INVALID;
            case "engagements" -> engagementsExpect(v, 0);
            default -> Expect.EITHER; // unknown properties are ignored
        };
    }

    @Property(tries = 260, shrinking = ShrinkingMode.OFF)
    void leadsAreValidatedAndStoredAsSent(@ForAll("leadMutation") Map.Entry<String, JsonNode> mutation) {
        String email = "gen-" + UUID.randomUUID() + "@example.com";
        ObjectNode body = NODES.objectNode();
        body.put("email", email).put("source", "inbound").put("firstName", "Gen").put("companySize", 120);
        body.set(mutation.getKey(), mutation.getValue());
        Expect expect = leadExpect(mutation.getKey(), mutation.getValue());
        String what = "POST /api/leads " + mutation.getKey() + "=" + abbreviate(mutation.getValue().toString());
        Api.Response r = Api.as(port, "intake").post("/api/leads", wire(body));
        if (judge(what, expect, mutation.getKey(), r)) {
            if (r.status() == 201) {
                JsonNode stored = Api.as(port, "intake").get("/api/leads/" + r.json().path("id").asText()).json();
                storedAsSent(what, mutation.getKey(), mutation.getValue(), stored);
            }
        } else if (!mutation.getKey().equals("email")) {
            assertThat(jdbc.sql("select count(*) from lead where email = ?").param(email).query(Long.class).single())
                    .as("nothing stored for " + what).isZero();
        }
    }

    static void storedAsSent(String what, String field, JsonNode sent, JsonNode lead) {
        JsonNode stored = lead.path(field);
        if (field.equals("engagements")) {
            int expected = sent.isArray() ? (int) java.util.stream.StreamSupport.stream(sent.spliterator(), false)
                    .map(e -> e.path("type").asText() + OffsetDateTime.parse(e.path("occurredAt").asText())
                            .truncatedTo(ChronoUnit.MILLIS).toInstant())
                    .distinct().count() : 0;
            if (stored.size() != expected) {
                INVALID_ACCEPTED.incrementAndGet();
                fail("stored " + stored.size() + " engagements of " + expected + ": " + what);
            }
            return;
        }
        if (field.equals("unknown") || field.equals("source")) {
            return;
        }
        String expected = sent.isNull() || sent.isTextual() && sent.asText().trim().isEmpty() ? null
                : field.equals("companySize") ? String.valueOf(sent.asLong())
                : blankToNull(sent.asText());
        if (field.equals("email") && expected != null) {
            expected = expected.toLowerCase(java.util.Locale.ROOT);
        }
        String actual = stored.isMissingNode() || stored.isNull() ? null : stored.asText();
        if (field.equals("email") && actual != null) {
            actual = actual.toLowerCase(java.util.Locale.ROOT);
        }
        if (!java.util.Objects.equals(expected, actual)) {
            INVALID_ACCEPTED.incrementAndGet();
            fail("stored " + field + "=" + abbreviate(actual) + " for " + what);
        }
    }

    // ---- POST /api/leads/{id}/engagements and /outcome ------------------------------------------------------

    @Provide
    Arbitrary<JsonNode> engagementsBody() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, engagementList().map(l -> {
                    ObjectNode body = NODES.objectNode();
                    body.set("engagements", l);
                    return (JsonNode) body;
                })),
                Tuple.of(1, hostileValue()));
    }

    @Property(tries = 100, shrinking = ShrinkingMode.OFF)
    void engagementsAreValidated(@ForAll("engagementsBody") JsonNode body) {
        Expect expect = body.isObject() ? engagementsExpect(body.path("engagements"), 1) : Expect.INVALID;
        Api.Response r = Api.as(port, "intake").post("/api/leads/" + nurturedLead + "/engagements", wire(body));
        judge("POST engagements " + abbreviate(wire(body)), expect, "engagements", r);
    }

    @Provide
    Arbitrary<JsonNode> outcomeBody() {
        return Combinators.combine(
                Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of("won", "lost")
                        .map(t -> (JsonNode) NODES.textNode(t))), Tuple.of(1, hostileValue())),
                hostileValue(), Arbitraries.frequencyOf(Tuple.of(2,
                        Arbitraries.just(NODES.textNode("budget"))), Tuple.of(1, hostileValue())))
                .as((outcome, amount, reason) -> {
                    ObjectNode body = NODES.objectNode();
                    body.set("outcome", outcome);
                    body.set("amount", amount);
                    body.set("reason", reason);
                    return body;
                });
    }

    /** The lead waits in nurture, so a valid outcome is a 409 conflict and an invalid one a 400. */
    @Property(tries = 80, shrinking = ShrinkingMode.OFF)
    void outcomesAreValidated(@ForAll("outcomeBody") JsonNode body) {
        JsonNode outcome = body.path("outcome");
        JsonNode amount = body.path("amount");
        Expect expect = Expect.EITHER;
        String field = null;
        // An amount is a JSON number: text, even "1000", is refused (StrictJson).
        java.math.BigDecimal sum = amount.isNumber() ? amount.decimalValue() : null;
        if (!amount.isNull() && sum == null) {
            expect = Expect.INVALID;
            field = "amount";
        } else if (!outcome.isTextual() || !Set.of("won", "lost").contains(outcome.asText())) {
            expect = Expect.INVALID;
            field = "outcome";
        } else if (outcome.asText().equals("won") && sum != null && !(sum.signum() >= 0
                && sum.compareTo(new java.math.BigDecimal("999999999999.99")) <= 0
                && sum.stripTrailingZeros().scale() <= 2)) {
            expect = Expect.INVALID;
            field = "amount";
        } else if (text(body.path("reason"), 300, outcome.asText().equals("lost")) == Expect.INVALID) {
            expect = Expect.INVALID;
            field = "reason";
        }
        if (expect == Expect.INVALID) {
            field = "outcome|amount|reason"; // Jackson stops at the first unreadable one
        }
        Api.Response r = Api.as(port, "intake").post("/api/leads/" + nurturedLead + "/outcome", wire(body));
        if (expect != Expect.INVALID) {
            assertThat(r.status()).as(body + " -> " + r).isIn(400, 409);
        }
        judge("POST outcome " + abbreviate(wire(body)), expect, field, r);
    }

    // ---- POST /api/leads/import -----------------------------------------------------------------------------

    record Cell(String column, String value, Expect expect) {
    }

    @Provide
    Arbitrary<Cell> csvCell() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of(new Cell("companySize", "5", Expect.VALID),
                        new Cell("companySize", "1.5", Expect.INVALID), new Cell("companySize", "-3", Expect.INVALID),
                        new Cell("companySize", "4294967297", Expect.INVALID),
                        new Cell("companySize", "abc", Expect.INVALID), new Cell("source", "partner", Expect.VALID),
                        new Cell("source", "", Expect.INVALID), new Cell("source", "1", Expect.INVALID),
                        new Cell("engagements", "webinar@2024-05-01T10:00:00Z", Expect.VALID),
                        new Cell("engagements", "webinar@1e308", Expect.INVALID),
                        new Cell("engagements", "webinar@-999999-01-01T00:00:00Z", Expect.INVALID),
                        new Cell("engagements", "webinar@2999-01-01T00:00:00Z", Expect.INVALID),
                        new Cell("engagements", "webinar", Expect.INVALID),
                        new Cell("country", "DE", Expect.VALID), new Cell("country", "ZZ", Expect.INVALID))),
                // A CSV body goes out as UTF-8, where a lone surrogate becomes '?': either way.
                Tuple.of(1, hostileText().map(t -> new Cell("firstName", t, t.indexOf('\u0000') < 0
                        && !storable(t) ? Expect.EITHER : text(NODES.textNode(t), 100, false)))));
    }

    static String csvQuote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    @Provide
    Arbitrary<List<Cell>> csvRows() {
        return csvCell().list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 90, shrinking = ShrinkingMode.OFF)
    void csvRowsStandAlone(@ForAll("csvRows") List<Cell> cells, @ForAll boolean bom) {
        StringBuilder csv = new StringBuilder(bom ? "\uFEFF" : "").append("email,source,companySize,firstName,"
                + "engagements,country\n");
        List<String> emails = new ArrayList<>();
        for (Cell cell : cells) {
            String email = "csv-" + UUID.randomUUID() + "@example.com";
            emails.add(email);
            Map<String, String> row = new LinkedHashMap<>();
            row.put("email", email);
            row.put("source", "inbound");
            row.put("companySize", "");
            row.put("firstName", "Row");
            row.put("engagements", "");
            row.put("country", "");
            row.put(cell.column(), cell.value());
            csv.append(row.values().stream().map(HostileInputIT::csvQuote).collect(Collectors.joining(",")))
                    .append('\n');
        }
        String what = "CSV " + cells;
        Api.Response r = Api.as(port, "intake").postRaw("/api/leads/import", "text/csv", csv.toString());
        boolean anyInvalid = cells.stream().anyMatch(c -> c.expect() == Expect.INVALID);
        boolean bodyProblem = cells.stream().anyMatch(c -> c.value().indexOf('\u0000') >= 0);
        if (!judge(what, bodyProblem ? Expect.EITHER : Expect.VALID, "body", r)) {
            for (String email : emails) {
                assertThat(jdbc.sql("select count(*) from lead where email = ?").param(email).query(Long.class)
                        .single()).as("nothing stored for " + what).isZero();
            }
            return;
        }
        JsonNode results = r.json().path("results");
        assertThat(results.size()).as(what + " -> " + r).isEqualTo(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            JsonNode result = results.get(i);
            Cell cell = cells.get(i);
            String status = result.path("status").asText();
            if (cell.expect() == Expect.INVALID && !status.equals("REJECTED")) {
                INVALID_ACCEPTED.incrementAndGet();
                fail("CSV row accepted with " + cell + ": " + result);
            }
            if (cell.expect() == Expect.VALID && status.equals("REJECTED")) {
                fail("valid CSV row rejected: " + cell + " bom=" + bom + ": " + result);
            }
            if (status.equals("REJECTED")) {
                assertThat(result.path("errors").findValuesAsText("field")).as(what).isNotEmpty();
            }
        }
        assertThat(anyInvalid || results.findValuesAsText("status").stream().allMatch(s -> s.equals("CREATED")))
                .as(what + " -> " + r).isTrue();
    }

    @Provide
    Arbitrary<String> brokenCsv() {
        return Arbitraries.of("", " ", "   \n  \n", "\n", "email,source\n\"unterminated@example.com,inbound\n",
                "email,source\na@example.com,inbound,extra,columns\n", "email,source\n\"a\"b\"@x.com,inbound\n",
                "\u0000", "email\u0000,source\nx@example.com,inbound\n", "email,email\nx@example.com,y@example.com\n",
                "\"", "email,source\r\n\"x@example.com\"junk,inbound\r\n");
    }

    @Property(tries = 40, shrinking = ShrinkingMode.OFF)
    void brokenCsvIsAProblem(@ForAll("brokenCsv") String csv) {
        Api.Response r = Api.as(port, "intake").postRaw("/api/leads/import", "text/csv", csv);
        judge("CSV " + abbreviate(csv), Expect.EITHER, "body", r);
    }

    // ---- GET with query strings -----------------------------------------------------------------------------

    record Query(String path, String param, String value, Expect expect) {
    }

    static final List<String> WINDOWED = List.of("funnel", "sla", "rejections", "content", "attribution",
            "bottlenecks?processDefinitionKey=lead-lifecycle", "reviews");

    @Provide
    Arbitrary<Query> query() {
        Arbitrary<String> windowed = Arbitraries.of(WINDOWED);
        Arbitrary<String[]> window = Arbitraries.of(new String[] { "2026-01-01", "2026-03-31", "VALID" },
                new String[] { "2025-01-01", "2027-12-31", "VALID" }, new String[] { "2024-01-01", "2027-12-31",
                        "INVALID" }, new String[] { "-999999-01-01", "2026-12-01", "INVALID" },
                new String[] { "2026-12-01", "+999999999-12-31", "INVALID" },
                new String[] { "+999999999-12-01", "+999999999-12-31", "INVALID" },
                new String[] { "2026-02-30", "2026-03-01", "INVALID" }, new String[] { "2026-03-01", "2026-01-01",
                        "INVALID" }, new String[] { "1999-12-01", "2000-02-01", "INVALID" },
                new String[] { "2026-1-1", "2026-02-01", "INVALID" }, new String[] { "x\u0000", "2026-02-01",
                        "INVALID" });
        Arbitrary<Query> windows = Combinators.combine(windowed, window).as((p, w) -> new Query(
                "/api/reports/" + p + (p.contains("?") ? "&" : "?") + "from=" + q(w[0]) + "&to=", "from|to", w[1],
                Expect.valueOf(w[2])));
        Arbitrary<Query> filters = Combinators.combine(Arbitraries.of("funnel", "sla", "rejections", "attribution"),
                Arbitraries.of("team", "rep", "campaign", "source"), hostileText()).as((p, param, v) -> new Query(
                        "/api/reports/" + p + "?from=2026-01-01&to=2026-01-31&" + param + "=", param, v,
                        param.equals("source") ? (Set.of("inbound", "outbound", "event", "partner", "referral")
                                .contains(v.trim().toLowerCase()) ? Expect.VALID : Expect.INVALID)
                                : queryText(v, 200)));
        Arbitrary<Query> quarters = Arbitraries.of("2026-Q4", "2026-Q5", "0000-Q1", "9999-Q4", "2026-q1", "", "Q4",
                "1999-Q4").map(v -> new Query("/api/reports/quarter-diagnosis?quarter=", "quarter", v,
                        v.matches("20\\d\\d-Q[1-4]|2[1-9]\\d\\d-Q[1-4]") ? Expect.VALID : Expect.INVALID));
        Arbitrary<Query> paging = Combinators.combine(Arbitraries.of("/api/leads", "/api/content"),
                Arbitraries.of("page", "size"), Arbitraries.of("0", "1", "20", "100", "200", "201", "-1",
                        "2147483647", "2147483648", "1.5", "x", "", "10000", "50000"))
                .as((p, param, v) -> new Query(p + "?" + param + "=", param, v, paging(p, param, v)));
        Arbitrary<Query> texts = Combinators.combine(Arbitraries.of("/api/leads?owner=", "/api/content?q=",
                "/api/content?persona=", "/api/content?type=", "/api/leads?stage=", "/api/reps?team=",
                "/api/reports/reviews?cadence="), hostileText()).as((p, v) -> {
                    String param = p.substring(p.indexOf('?') + 1, p.length() - 1);
                    Expect e = switch (param) {
                        case "type" -> blankToNull(v) == null || Set.of("case_study", "battlecard", "one_pager",
                                "deck", "email_template", "other").contains(v) ? Expect.VALID : Expect.INVALID;
                        // Spring reads blank (String.trim()) as no stage; a lone surrogate is sent as '?'
                        case "stage" -> v.trim().isEmpty() || !storable(v) && v.indexOf('\u0000') < 0
                                ? Expect.EITHER : Set.of("LEAD", "MQL").contains(v.trim()) ? Expect.VALID
                                : Expect.INVALID;
                        case "cadence" -> blankToNull(v) == null || Set.of("weekly", "monthly", "quarterly")
                                .contains(v.trim().toLowerCase()) ? Expect.VALID : Expect.INVALID;
                        case "team" -> queryText(v, 200) == Expect.INVALID ? Expect.INVALID : Expect.EITHER;
                        default -> queryText(v, 200);
                    };
                    return new Query(p, param, v, e);
                });
        return Arbitraries.frequencyOf(Tuple.of(3, windows),
                Tuple.of(2, filters), Tuple.of(1, quarters),
                Tuple.of(2, paging), Tuple.of(2, texts));
    }

    /** A lone surrogate cannot be sent in a URL at all (the client encodes it as '?'): either way. */
    static Expect queryText(String v, int max) {
        return v.indexOf('\u0000') >= 0 || v.length() > max ? Expect.INVALID : storable(v) ? Expect.VALID
                : Expect.EITHER;
    }

    static Expect paging(String path, String param, String v) {
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            return v.isEmpty() ? Expect.EITHER : Expect.INVALID;
        }
        if (param.equals("size")) {
            return n >= 1 && n <= (path.equals("/api/leads") ? 200 : 100) ? Expect.VALID : Expect.INVALID;
        }
        return n >= 0 && n <= 10_000 ? Expect.VALID : Expect.INVALID;
    }

    @Property(tries = 320, shrinking = ShrinkingMode.OFF)
    void queryStringsAreBounded(@ForAll("query") Query query) {
        Api.Response r = Api.as(port, "sally").get(query.path() + q(query.value()));
        judge("GET " + query.path() + abbreviate(query.value()), query.expect(), query.param(), r);
    }

    // ---- PUT /api/reps/{userId} -----------------------------------------------------------------------------

    @Provide
    Arbitrary<Map.Entry<String, JsonNode>> repMutation() {
        return Arbitraries.of("active", "available", "availableFrom", "capacity").flatMap(f -> (f.equals(
                "availableFrom") ? hostileTimestamp() : hostileValue()).map(v -> Map.entry(f, v)));
    }

    @Property(tries = 60, shrinking = ShrinkingMode.OFF)
    void repsAreValidated(@ForAll("repMutation") Map.Entry<String, JsonNode> mutation) {
        JsonNode v = mutation.getValue();
        Expect expect = switch (mutation.getKey()) {
            case "capacity" -> whole(v, 0, 1_000);
            case "availableFrom" -> v.isNull() ? Expect.VALID
                    : timestamp(v, EARLIEST,
                    OffsetDateTime.parse("2999-12-31T23:59:59Z"));
            // Yes or no as JSON true or false: no "true" as text, no 1 (Jackson's coercion of scalars is off).
            default -> v.isBoolean() || v.isNull() ? Expect.VALID : Expect.INVALID;
        };
        ObjectNode body = NODES.objectNode();
        body.set(mutation.getKey(), v);
        var before = jdbc.sql("select * from rep where user_id = 'steve'").query().listOfRows();
        try {
            Api.Response r = Api.as(port, "sally").put("/api/reps/steve", wire(body));
            if (judge("PUT rep " + body, expect, mutation.getKey(), r) && mutation.getKey().equals("capacity")
                    && v.isIntegralNumber()) {
                assertThat(r.json().path("capacity").asLong()).as(wire(body)).isEqualTo(v.asLong());
            }
        } finally {
            if (!before.isEmpty()) {
                Map<String, Object> row = before.get(0);
                jdbc.sql("update rep set active = ?, available = ?, available_from = ?, capacity = ? where "
                        + "user_id = 'steve'").params(row.get("active"), row.get("available"),
                                row.get("available_from"), row.get("capacity")).update();
            }
        }
    }

    // ---- POST /api/content-requests -------------------------------------------------------------------------

    @Provide
    Arbitrary<Map.Entry<String, JsonNode>> contentMutation() {
        return Arbitraries.of("type", "title", "need", "persona", "leadId", "neededBy").flatMap(f -> (switch (f) {
            case "neededBy" -> hostileDate();
            case "leadId" -> Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.of(
                    NODES.textNode("EXISTING"), NODES.textNode(UUID.randomUUID().toString()),
                    NODES.textNode("../../etc/passwd"))), Tuple.of(1, hostileValue()));
            default -> hostileValue();
        }).map(v -> Map.entry(f, v)));
    }

    @Property(tries = 90, shrinking = ShrinkingMode.OFF)
    void contentRequestsAreValidated(@ForAll("contentMutation") Map.Entry<String, JsonNode> mutation) {
        JsonNode v = mutation.getValue();
        if (v.isTextual() && v.asText().equals("EXISTING")) {
            v = NODES.textNode(nurturedLead);
        }
        LocalDate soon = EngineClock.now().toLocalDate().plusDays(30);
        ObjectNode body = NODES.objectNode();
        body.put("type", "case_study").put("title", "Generated").put("need", "A case study").put("persona", "finance-leader")
                .put("neededBy", soon.toString());
        body.set(mutation.getKey(), v);
        Expect expect = switch (mutation.getKey()) {
            case "type" -> v.isTextual() && Set.of("case_study", "battlecard", "one_pager", "deck", "email_template",
                    "other").contains(v.asText()) ? Expect.VALID : Expect.INVALID;
            case "title" -> text(v, 200, true);
            case "need" -> text(v, 2000, true);
            // A persona of agreement 1's catalogue, by its key; any other text is refused.
            case "persona" -> v.isTextual() && PERSONA_KEYS.contains(v.asText()) ? Expect.VALID : Expect.INVALID;
            case "leadId" -> v.isNull() || v.isTextual() && (v.asText().equals(nurturedLead)
                    || blankToNull(v.asText()) == null) ? Expect.VALID : Expect.INVALID;
            default -> {
                if (!v.isTextual()) {
                    yield v.isArray() || v.isIntegralNumber() ? Expect.EITHER : Expect.INVALID;
                }
                try {
                    LocalDate d = LocalDate.parse(v.asText());
                    yield d.isBefore(EngineClock.now().toLocalDate().minusDays(1)) || d.isAfter(EngineClock.now().toLocalDate().plusYears(5))
                            ? Expect.INVALID : Expect.VALID;
                } catch (DateTimeParseException e) {
                    yield Expect.INVALID;
                }
            }
        };
        Api.Response r = Api.as(port, "sam").post("/api/content-requests", wire(body));
        judge("POST content request " + mutation.getKey() + "=" + abbreviate(v.toString()), expect,
                mutation.getKey(), r);
    }

    // ---- Accounts, marketing's events, agreement proposals, erasure ---------------------------------------------

    /** One generated request to an endpoint of issue #16: which one, the field mutated and its value. */
    record Mutation(String endpoint, String field, JsonNode value) {
    }

    static final List<String> PROPOSAL_NUMBERS = List.of("mqlDefinitionVersion", "slaPolicyVersion",
            "targetSlaCompliance", "objectiveMqls", "objectivePipeline");

    @Provide
    Arbitrary<Mutation> newEndpointMutation() {
        Arbitrary<Mutation> accounts = Arbitraries.of("name", "domains", "owner", "team", "tier", "unknown")
                .flatMap(f -> (f.equals("domains") ? Arbitraries.frequencyOf(Tuple.of(2, hostileValue()),
                        Tuple.of(1, hostileText().map(t -> (JsonNode) NODES.arrayNode().add(t))))
                        : hostileValue()).map(v -> new Mutation("account", f, v)));
        Arbitrary<Mutation> accountCsv = Arbitraries.of("name", "domains", "owner", "team", "tier")
                .flatMap(f -> hostileText().map(t -> new Mutation("account-csv", f, NODES.textNode(t))));
        Arbitrary<Mutation> events = Arbitraries.of("name", "startsOn", "link")
                .flatMap(f -> (f.equals("startsOn") ? hostileDate() : hostileValue())
                        .map(v -> new Mutation("event", f, v)));
        // Only values that are wrong whatever else: a valid proposal would start an agreement change.
        Arbitrary<Mutation> proposals = Arbitraries.oneOf(
                Arbitraries.of(PROPOSAL_NUMBERS).flatMap(f -> Arbitraries.of(NODES.textNode("many"),
                        NODES.objectNode(), NODES.arrayNode().add(1)).map(v -> new Mutation("proposal", f, v))),
                Arbitraries.of(NODES.textNode("2026-13-01"), NODES.textNode("soon"), NODES.objectNode())
                        .map(v -> new Mutation("proposal", "effectiveFrom", v)),
                Arbitraries.of(NODES.nullNode(), NODES.textNode(""), NODES.textNode(" \t"), NODES.objectNode())
                        .map(v -> new Mutation("proposal", "summary", v)));
        Arbitrary<Mutation> erasures = Arbitraries.oneOf(hostileText().filter(t -> !t.isBlank()),
                Arbitraries.of("../../etc/passwd", "1 or 1=1", "%00", "x".repeat(5000), UUID.randomUUID().toString()))
                .map(id -> new Mutation("erasure", "id", NODES.textNode(id)));
        return Arbitraries.frequencyOf(Tuple.of(3, accounts), Tuple.of(1, accountCsv), Tuple.of(2, events),
                Tuple.of(1, proposals), Tuple.of(1, erasures));
    }

    /**
     * Accounts (create and CSV import), marketing's events, agreement proposals and erasure with bad ids: a 4xx
     * problem naming the field, never a 5xx; what is accepted is stored as sent; an erasure by a bad id erases
     * nothing (the nurtured lead keeps its email).
     */
    @Property(tries = 60, shrinking = ShrinkingMode.OFF)
    void newWriteEndpointsAreValidated(@ForAll("newEndpointMutation") Mutation mutation) {
        JsonNode v = mutation.value();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String what = mutation.endpoint() + " " + mutation.field() + "=" + abbreviate(v.toString());
        switch (mutation.endpoint()) {
            case "account" -> {
                ObjectNode body = NODES.objectNode().put("name", "Hostile " + unique).put("owner", "sam")
                        .put("team", "sdr");
                body.set("domains", NODES.arrayNode().add("hostile-" + unique + ".example"));
                body.set(mutation.field(), v);
                Expect expect = switch (mutation.field()) {
                    case "name" -> text(v, 200, true);
                    case "tier" -> text(v, 40, false);
                    case "unknown" -> Expect.EITHER;
                    default -> v.isNull() || v.isObject() ? Expect.INVALID : Expect.EITHER;
                };
                Api.Response r = Api.as(port, "sally").post("/api/accounts", wire(body));
                if (judge("POST account " + what, expect, mutation.field(), r) && mutation.field().equals("name")) {
                    JsonNode stored = Api.as(port, "sally").get("/api/accounts/" + r.json().path("id").asLong())
                            .json();
                    assertThat(stored.path("name").asText()).as(what).isEqualTo(v.asText().strip());
                }
            }
            case "account-csv" -> {
                Map<String, String> row = new LinkedHashMap<>(Map.of("name", "Hostile " + unique, "domains",
                        "hostile-" + unique + ".example", "owner", "sam", "team", "sdr", "tier", ""));
                row.put(mutation.field(), v.asText());
                String csv = "name,domains,owner,team,tier\n" + row.values().stream()
                        .map(c -> "\"" + c.replace("\"", "\"\"") + "\"").collect(Collectors.joining(",")) + "\n";
                Api.Response r = Api.as(port, "sally").postRaw("/api/accounts/import", "text/csv", csv);
                if (judge("POST account CSV " + what, Expect.EITHER, mutation.field(), r)) {
                    JsonNode result = r.json().path("results").path(0);
                    assertThat(result.path("status").asText()).as(what).isIn("CREATED", "UPDATED", "REJECTED");
                    if (result.path("status").asText().equals("REJECTED")) {
                        assertThat(result.path("errors").path(0).path("field").asText()).as(what).isNotEmpty();
                    }
                }
            }
            case "event" -> {
                ObjectNode body = NODES.objectNode().put("name", "Hostile " + unique)
                        .put("startsOn", EngineClock.now().toLocalDate().plusYears(1).toString())
                        .put("link", "https://events.example/" + unique);
                body.set(mutation.field(), v);
                Expect expect = switch (mutation.field()) {
                    case "name" -> text(v, 200, true);
                    case "link" -> v.isTextual() && v.asText().strip().matches("https?://\\S{1,990}")
                            ? Expect.EITHER : Expect.INVALID;
                    default -> v.isTextual() ? Expect.EITHER : v.isNull() || v.isContainerNode() || v.isBoolean()
                            ? Expect.INVALID : Expect.EITHER;
                };
                Api.Response r = Api.as(port, "mona").post("/api/content/events", wire(body));
                if (judge("POST event " + what, expect, mutation.field(), r) && mutation.field().equals("name")) {
                    assertThat(r.json().path("name").asText()).as(what).isEqualTo(v.asText().strip());
                }
            }
            case "proposal" -> {
                ObjectNode body = NODES.objectNode().put("summary", "Hostile input");
                body.set(mutation.field(), v);
                judge("POST proposal " + what, Expect.INVALID, mutation.field(),
                        Api.as(port, "mona").post("/api/agreements/proposals", wire(body)));
            }
            default -> {
                Api.Response r = Api.as(port, "mona").post("/api/leads/" + q(v.asText()) + "/erasure", "{}");
                if (r.status() == 400 && !r.json().has("errors")) {
                    // The connector refused the address itself (an encoded slash, a NUL): a problem about the
                    // request line, before any field exists to be named.
                    CASES.incrementAndGet();
                    assertThat(r.contentType()).as(what).startsWith("application/problem+json");
                } else {
                    judge("POST erasure " + what, Expect.INVALID, "id", r);
                }
                JsonNode lead = Api.as(port, "mona").get("/api/leads/" + nurturedLead).json();
                assertThat(lead.path("email").asText()).as("not erased by " + what).startsWith("hostile-");
            }
        }
    }

    // ---- Tasklist's start form through the engine REST API --------------------------------------------------

    record FormValue(String field, JsonNode value, String type, Expect expect) {
    }

    @Provide
    Arbitrary<FormValue> formValue() {
        Arbitrary<FormValue> sizes = Combinators.combine(Arbitraries.of("0", "-1", "12", "1.5", "4294967297",
                "2147483648", "1e308", "10000001", "\"12\"", "\"x\"", "true").map(HostileInputIT::parse),
                Arbitraries.of("Long", "Integer", "Double", "String")).as((v, type) -> new FormValue("companySize",
                        v, type, formWhole(v, type)));
        Arbitrary<FormValue> texts = Combinators.combine(Arbitraries.of("firstName", "company", "campaign",
                "jobTitle"), hostileText()).as((f, v) -> new FormValue(f, NODES.textNode(v), "String",
                        text(NODES.textNode(v), f.equals("company") ? 200 : f.equals("firstName") ? 100 : 150, false)));
        Arbitrary<FormValue> sources = hostileText().map(v -> new FormValue("source", NODES.textNode(v), "String",
                Set.of("inbound", "outbound", "event", "partner", "referral").contains(v.trim().toLowerCase())
                        ? Expect.VALID : Expect.INVALID));
        return Arbitraries.frequencyOf(Tuple.of(2, sizes),
                Tuple.of(2, texts), Tuple.of(1, sources));
    }

    static Expect formWhole(JsonNode v, String type) {
        if (type.equals("String")) {
            String s = v.asText().trim();
            return s.matches("\\d{1,8}") && Long.parseLong(s) >= 1 && Long.parseLong(s) <= 10_000_000
                    ? Expect.EITHER : Expect.INVALID;
        }
        if (v.isTextual() && v.asText().trim().matches("\\d{1,8}")) {
            return Expect.EITHER; // the engine converts text to the declared type
        }
        if (!v.isNumber()) {
            return Expect.INVALID;
        }
        double d = v.asDouble();
        return d == Math.rint(d) && d >= 1 && d <= 10_000_000 ? Expect.VALID : Expect.INVALID;
    }

    @Property(tries = 80, shrinking = ShrinkingMode.OFF)
    void startFormIsValidatedField(@ForAll("formValue") FormValue value) {
        String email = "form-" + UUID.randomUUID() + "@example.com";
        ObjectNode variables = NODES.objectNode();
        variables.set("email", NODES.objectNode().put("value", email).put("type", "String"));
        variables.set("source", NODES.objectNode().put("value", "inbound").put("type", "String"));
        ObjectNode submitted = NODES.objectNode().put("type", value.type());
        submitted.set("value", value.value());
        variables.set(value.field(), submitted);
        ObjectNode body = NODES.objectNode();
        body.set("variables", variables);
        Api.Response r = Api.as(port, "dean").post("/engine-rest/process-definition/key/lead-lifecycle/submit-form",
                wire(body));
        String what = "start form " + value;
        CASES.incrementAndGet();
        if (r.status() >= 500) {
            SERVER_ERRORS.incrementAndGet();
            fail("5xx: " + what + " -> " + r.status() + " " + abbreviate(r.body()));
        }
        long stored = jdbc.sql("select count(*) from lead where email = ?").param(email).query(Long.class).single();
        if (r.status() < 300) {
            if (value.expect() == Expect.INVALID) {
                INVALID_ACCEPTED.incrementAndGet();
                fail("invalid accepted: " + what + " -> " + abbreviate(r.body()));
            }
            // Whatever the declared type, an accepted size is stored as the number sent, also when sent as text
            // ("12" as Integer, Long, Double or String: the engine converts it to the type, Handoff reads the number).
            if (value.field().equals("companySize")) {
                Long size = jdbc.sql("select company_size from lead where email = ?").param(email).query(Long.class)
                        .single();
                if (size == null || size != (long) value.value().asDouble()) {
                    INVALID_ACCEPTED.incrementAndGet();
                    fail("stored companySize " + size + " for " + what);
                }
            }
        } else {
            assertThat(stored).as("nothing stored for " + what).isZero();
            assertThat(r.status()).as(what + " -> " + r).isEqualTo(400);
            if (value.expect() == Expect.VALID) {
                fail("valid refused: " + what + " -> " + r);
            }
            // Tasklist shows the engine REST API's message: it must name the field. (A value of another type
            // than declared, which Tasklist never sends, is refused by the engine's own conversion.)
            boolean wellTyped = value.type().equals("String") ? value.value().isTextual()
                    : value.type().equals("Double") ? value.value().isNumber()
                    : value.value().isIntegralNumber() && value.value().canConvertToLong()
                            && (value.type().equals("Long") || value.value().canConvertToInt());
            if (wellTyped) {
                assertThat(r.json().path("message").asText()).as(what).contains(value.field());
            }
        }
    }
}
