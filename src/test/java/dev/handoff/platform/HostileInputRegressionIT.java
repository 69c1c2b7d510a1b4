package dev.handoff.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;

/** The bad input of issue #11 as named cases: each once answered 5xx, was accepted, or mishandled. */
@IntegrationTest
class HostileInputRegressionIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Api intake() {
        return Api.as(port, "intake");
    }

    static String email() {
        return "regression-" + UUID.randomUUID() + "@example.com";
    }

    long leads(String email) {
        return jdbc.sql("select count(*) from lead where email = ?").param(email).query(Long.class).single();
    }

    /** A 400 problem naming {@code field}. */
    static void invalid(Api.Response r, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("errors").findValuesAsText("field")).as(r.toString()).contains(field);
    }

    // ---- CSV ------------------------------------------------------------------------------------------------

    @Test
    void csvWithBrokenQuotingIsAProblemAndImportsNothing() {
        String first = email();
        Api.Response r = intake().postRaw("/api/leads/import", "text/csv",
                "email,source\n" + first + ",inbound\n\"broken@example.com,inbound\n");
        invalid(r, "body");
        assertThat(leads(first)).isZero();
    }

    @Test
    void csvWithMoreColumnsThanTheHeaderIsAProblem() {
        invalid(intake().postRaw("/api/leads/import", "text/csv", "email,source\n" + email() + ",inbound,extra\n"),
                "body");
    }

    @Test
    void whitespaceOnlyCsvIsAProblem() {
        invalid(intake().postRaw("/api/leads/import", "text/csv", "  \n \n"), "body");
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsSkippedAsExcelWritesIt() {
        String email = email();
        Api.Response r = intake().postRaw("/api/leads/import", "text/csv", "\uFEFFemail,source\n" + email + ",inbound\n");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("created").asInt()).as(r.toString()).isEqualTo(1);
        assertThat(leads(email)).isEqualTo(1);
    }

    @Test
    void csvOverTheRowLimitImportsNothing() {
        StringBuilder csv = new StringBuilder("email,source\n");
        String first = email();
        csv.append(first).append(",inbound\n");
        for (int i = 0; i < 100_000; i++) {
            csv.append("bulk").append(i).append("@example.com,inbound\n");
        }
        invalid(intake().postRaw("/api/leads/import", "text/csv", csv.toString()), "body");
        assertThat(leads(first)).isZero();
    }

    @Test
    void csvThatIsNotUtf8IsAProblem() {
        Api.Response r = Api.as(port, "intake").postBytes("/api/leads/import", "text/csv",
                ("email,firstName,source\n" + email() + ",J\u00fcrgen,inbound\n").getBytes(StandardCharsets.ISO_8859_1));
        invalid(r, "body");
    }

    // ---- Report windows -------------------------------------------------------------------------------------

    static final List<String> WINDOWED = List.of("/api/reports/funnel?", "/api/reports/sla?",
            "/api/reports/rejections?", "/api/reports/content?", "/api/reports/attribution?",
            "/api/reports/bottlenecks?processDefinitionKey=lead-lifecycle&", "/api/reports/reviews?");

    @Test
    void aWindowEndingAtTheLastDateJavaKnowsIsAProblemInEveryReport() {
        for (String report : WINDOWED) {
            invalid(Api.as(port, "sally").get(report + "from=2026-12-01&to=%2B999999999-12-31"), "to");
        }
    }

    @Test
    void aWindowOfAMillionYearsIsAProblemNotAFullHeap() {
        for (String report : WINDOWED) {
            invalid(Api.as(port, "sally").get(report + "from=-999999-01-01&to=2026-12-01"), "from");
        }
        invalid(Api.as(port, "sally").get("/api/reports/sla?from=2020-01-01&to=2026-12-01"), "from");
        assertThat(Api.as(port, "sally").get("/api/reports/sla?from=2024-01-01&to=2026-12-31").status())
                .isEqualTo(200);
    }

    // ---- JSON bodies ----------------------------------------------------------------------------------------

    @Test
    void trailingGarbageAfterTheBodyIsAProblem() {
        String email = email();
        invalid(intake().post("/api/leads", "{\"email\":\"" + email + "\",\"source\":\"inbound\"} trailing garbage"),
                "body");
        assertThat(leads(email)).isZero();
    }

    @Test
    void anEnumGivenByItsPositionIsAProblem() {
        invalid(intake().post("/api/leads", "{\"email\":\"" + email() + "\",\"source\":1}"), "source");
    }

    @Test
    void fractionsAreNotCutToWholeNumbers() {
        invalid(intake().post("/api/leads", "{\"email\":\"" + email() + "\",\"source\":\"inbound\",\"companySize\":1.5}"),
                "companySize");
        invalid(Api.as(port, "sally").put("/api/reps/steve", "{\"capacity\":1.5}"), "capacity");
    }

    @Test
    void numbersAndYesOrNoSentAsTextAreProblemsNamingTheField() {
        String email = email();
        Api.Response size = intake().post("/api/leads", "{\"email\":\"" + email + "\",\"source\":\"inbound\","
                + "\"companySize\":\"5\"}");
        invalid(size, "companySize");
        assertThat(size.json().path("errors").get(0).path("message").asText())
                .isEqualTo("must be a JSON number, not text");
        assertThat(leads(email)).isZero();
        var steve = jdbc.sql("select * from rep where user_id = 'steve'").query().listOfRows();
        invalid(Api.as(port, "sally").put("/api/reps/steve", "{\"capacity\":\"2\"}"), "capacity");
        invalid(Api.as(port, "sally").put("/api/reps/steve", "{\"active\":\"true\"}"), "active");
        invalid(Api.as(port, "sally").put("/api/reps/steve", "{\"available\":1}"), "available");
        invalid(Api.as(port, "sally").put("/api/reps/steve", "{\"available\":\" \"}"), "available");
        assertThat(jdbc.sql("select * from rep where user_id = 'steve'").query().listOfRows()).isEqualTo(steve);
        Api.Response lead = intake().post("/api/leads", Map.of("email", email(), "source", "inbound"));
        invalid(intake().post("/api/leads/" + lead.json().path("id").asText() + "/outcome",
                "{\"outcome\":\"won\",\"amount\":\"1000\"}"), "amount");
    }

    /** Issue #16's endpoints: what HostileInputIT and AccessMatrixIT found, and what a proposal must not do. */
    @Test
    void anErasureRepeatedOrByABadIdIsHarmlessAndAProposalWithABadNumberStartsNothing() {
        String lead = intake().post("/api/leads", Map.of("email", email(), "source", "inbound")).json()
                .path("id").asText();
        Api mona = Api.as(port, "mona");
        assertThat(mona.post("/api/leads/" + lead + "/erasure", "{}").status()).isEqualTo(200);
        Api.Response again = mona.post("/api/leads/" + lead + "/erasure", "{}");
        assertThat(again.status()).as("once answered 500: " + again.body()).isEqualTo(200);
        Api.Response slash = mona.post("/api/leads/..%2F..%2Fetc%2Fpasswd/erasure", "{}");
        assertThat(slash.status()).isEqualTo(400);
        assertThat(slash.contentType()).startsWith("application/problem+json");
        assertThat(mona.post("/api/leads/" + UUID.randomUUID() + "/erasure", "{}").status()).isEqualTo(404);

        long proposals = jdbc.sql("select count(*) from agreement").query(Long.class).single();
        invalid(mona.post("/api/agreements/proposals", "{\"summary\":\"x\",\"mqlDefinitionVersion\":1.5}"),
                "mqlDefinitionVersion");
        invalid(mona.post("/api/agreements/proposals", "{\"summary\":\"x\",\"objectiveMqls\":\"5\"}"),
                "objectiveMqls");
        assertThat(Api.as(port, "sam").post("/api/agreements/proposals", "").status())
                .as("who may propose comes before what is sent").isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from agreement").query(Long.class).single()).isEqualTo(proposals);
        invalid(Api.as(port, "admin").post("/api/outbox/failed/retry", "{}"), "subscriber");
    }

    @Test
    void aCsvImportStillReadsItsNumbersFromText() {
        String email = email();
        Api.Response r = intake().postRaw("/api/leads/import", "text/csv",
                "email,source,companySize\n" + email + ",inbound,5\n");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("created").asInt()).as(r.toString()).isEqualTo(1);
        assertThat(jdbc.sql("select company_size from lead where email = ?").param(email).query(Integer.class)
                .single()).isEqualTo(5);
    }

    @Test
    void aNumberIsNoTimestamp() {
        invalid(intake().post("/api/leads", "{\"email\":\"" + email() + "\",\"source\":\"inbound\",\"engagements\":"
                + "[{\"type\":\"webinar\",\"occurredAt\":1e308}]}"), "engagements[0].occurredAt");
        invalid(Api.as(port, "sally").put("/api/reps/steve", "{\"availableFrom\":1e308}"), "availableFrom");
    }

    @Test
    void textWithNulAndDatesOutsideWhatPostgresqlStoresAreProblems() {
        String email = email();
        invalid(intake().post("/api/leads", "{\"email\":\"" + email + "\",\"source\":\"inbound\",\"firstName\":"
                + "\"a\\u0000b\"}"), "firstName");
        invalid(intake().post("/api/leads", "{\"email\":\"" + email + "\",\"source\":\"inbound\",\"engagements\":"
                + "[{\"type\":\"webinar\",\"occurredAt\":\"-999999-01-01T00:00:00Z\"}]}"), "engagements[0].occurredAt");
        invalid(Api.as(port, "sally").put("/api/reps/steve", "{\"availableFrom\":\"+999999999-12-31T23:59:59Z\"}"),
                "availableFrom");
        invalid(Api.as(port, "sally").get("/api/reports/funnel?team=a%00b"), "team");
        assertThat(leads(email)).isZero();
    }

    @Test
    void aDealAmountTheLeadTableCannotHoldIsAProblem() {
        Api.Response lead = intake().post("/api/leads", Map.of("email", email(), "source", "inbound"));
        invalid(intake().post("/api/leads/" + lead.json().path("id").asText() + "/outcome",
                "{\"outcome\":\"won\",\"amount\":1e12}"), "amount");
    }

    @Test
    void aContentRequestNamesALeadThatExists() {
        Api.Response r = Api.as(port, "sam").post("/api/content-requests", Map.of("type", "case_study", "title",
                "Traversal", "need", "x", "persona", "finance-leader", "leadId", "../../etc/passwd", "neededBy",
                EngineClock.now().toLocalDate().plusDays(30).toString()));
        invalid(r, "leadId");
    }

    @Test
    void aHugeInvalidValueIsNotEchoedWhole() {
        String huge = "x".repeat(1_000_000);
        Api.Response r = intake().post("/api/leads", "{\"email\":\"" + email() + "\",\"source\":\"" + huge + "\"}");
        invalid(r, "source");
        assertThat(r.body().length()).isLessThan(2_000);
    }

    // ---- Tasklist's start form ------------------------------------------------------------------------------

    Api.Response startForm(String email, String sizeType, String size) {
        return Api.as(port, "dean").post("/engine-rest/process-definition/key/lead-lifecycle/submit-form",
                "{\"variables\":{\"email\":{\"value\":\"" + email + "\",\"type\":\"String\"},\"source\":{\"value\":"
                        + "\"inbound\",\"type\":\"String\"},\"companySize\":{\"value\":" + size + ",\"type\":\""
                        + sizeType + "\"}}}");
    }

    @Test
    void anInvalidStartFormValueIsA400NamingTheFieldForTasklist() {
        String email = email();
        Api.Response r = startForm(email, "Long", "-5");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().path("message").asText()).contains("companySize");
        assertThat(leads(email)).isZero();
    }

    /** Tasklist sends a number field untyped ({"value": 12}); a script may declare a type and send text. */
    @Test
    void aStartFormSizeIsStoredAsTheNumberSentWhateverItsDeclaredType() {
        for (String[] sent : List.of(new String[] { "Integer", "\"12\"" }, new String[] { "Long", "\"12\"" },
                new String[] { "Double", "\"12\"" }, new String[] { "String", "\"12\"" },
                new String[] { "Integer", "12" }, new String[] { "Long", "12" }, new String[] { "Double", "12.0" },
                new String[] { "String", "12" })) {
            String email = email();
            Api.Response r = startForm(email, sent[0], sent[1]);
            String what = sent[0] + " " + sent[1] + " -> " + r;
            assertThat(r.status()).as(what).isEqualTo(200);
            assertThat(jdbc.sql("select company_size from lead where email = ?").param(email).query(Integer.class)
                    .single()).as(what).isEqualTo(12);
        }
        String email = email();
        Api.Response untyped = Api.as(port, "dean").post(
                "/engine-rest/process-definition/key/lead-lifecycle/submit-form", "{\"variables\":{\"email\":"
                        + "{\"value\":\"" + email + "\"},\"source\":{\"value\":\"inbound\"},\"companySize\":"
                        + "{\"value\":12}}}");
        assertThat(untyped.status()).as(untyped.toString()).isEqualTo(200);
        assertThat(jdbc.sql("select company_size from lead where email = ?").param(email).query(Integer.class)
                .single()).isEqualTo(12);
    }

    @Test
    void aStartFormSizeThatIsNoWholeNumberIsA400NamingTheField() {
        for (String[] sent : List.of(new String[] { "String", "\"12 employees\"" },
                new String[] { "Double", "12.5" }, new String[] { "String", "\"12.5\"" })) {
            String email = email();
            Api.Response r = startForm(email, sent[0], sent[1]);
            String what = sent[0] + " " + sent[1] + " -> " + r;
            assertThat(r.status()).as(what).isEqualTo(400);
            assertThat(r.json().path("message").asText()).as(what).contains("companySize");
            assertThat(leads(email)).as(what).isZero();
        }
    }

    @Test
    void aStartFormIntegerIsNotWrappedAround() {
        String email = email();
        Api.Response r = startForm(email, "Long", "4294967297");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().path("message").asText()).contains("companySize");
        assertThat(leads(email)).isZero();
    }

    // ---- Errors outside the controllers ---------------------------------------------------------------------

    @Test
    void notFoundMethodNotAllowedAndUnsupportedMediaTypeAreProblemDetails() {
        for (Api.Response r : List.of(intake().get("/api/nothing-here"), intake().put("/api/leads", "{}"),
                intake().postRaw("/api/leads", "application/xml", "<lead/>"))) {
            assertThat(r.status()).as(r.toString()).isIn(404, 405, 415);
            assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
            assertThat(r.json().path("status").asInt()).isEqualTo(r.status());
        }
    }

    @Test
    void requestsTomcatRefusesAreProblemDetailsWithNosniff() throws Exception {
        List<byte[]> requests = List.of(raw("GET /api/leads/a%2Fb HTTP/1.1"), raw("GET /api/leads/a%5Cb HTTP/1.1"),
                raw("GET /api/leads/a%00b HTTP/1.1"), raw("GET /api/leads/%C3%28 HTTP/1.1"),
                raw("GET /api/leads?q=" + "x".repeat(9_000) + " HTTP/1.1"));
        for (byte[] request : requests) {
            String answer = send(request);
            String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
            assertThat(head).as(answer).startsWith("HTTP/1.1 4");
            assertThat(head.toLowerCase()).as(answer).contains("content-type: application/problem+json")
                    .contains("x-content-type-options: nosniff");
            assertThat(answer).doesNotContainIgnoringCase("<html");
        }
    }

    @Test
    void answersTellBrowsersNotToSniff() {
        assertThat(send(raw("GET /api/leads/" + UUID.randomUUID() + " HTTP/1.1")).toLowerCase())
                .contains("x-content-type-options: nosniff");
    }

    @Test
    void theAppIsHealthyAfterAll() {
        JsonNode health = Api.anonymous(port).get("/actuator/health").json();
        assertThat(health.path("status").asText()).isEqualTo("UP");
    }

    byte[] raw(String requestLine) {
        return (requestLine + "\r\nHost: localhost\r\nAuthorization: Basic aW50YWtlOmludGFrZQ==\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    String send(byte[] request) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
