package dev.handoff.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

import dev.handoff.platform.EngineClock;
import dev.handoff.support.Api;
import dev.handoff.support.IntegrationTest;

/**
 * Erasure as the person asks for it: afterwards their email is in no text or byte-array column of any table,
 * Handoff's or the engine's, and the reports still count the lead.
 */
@IntegrationTest
class PersonalDataIT {

    private static final Set<Integer> TEXT = Set.of(Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.CLOB,
            Types.NVARCHAR, Types.NCHAR, Types.LONGNVARCHAR, Types.NCLOB);
    private static final Set<Integer> BYTES = Set.of(Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB);

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PersonalData personalData;

    @Test
    void afterErasureTheEmailIsInNoTableAndTheReportsStillCountTheLead() throws SQLException {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "erase-me-" + tag + "@privacy-" + tag + ".example";
        String campaign = "erasure-" + tag;
        Map<String, Object> body = LeadApiIT.vp("crm-" + tag);
        body.put("email", email);
        body.put("campaign", campaign);
        Api.Response created = Api.as(port, "intake").post("/api/leads", body);
        assertThat(created.json().path("stage").asText()).as(created.body()).isEqualTo("MQL");
        String id = created.json().path("id").asText();
        String number = created.json().path("number").asText();
        String rep = Api.as(port, "sally").get("/api/leads/" + id).json().path("owner").asText();
        JsonNode tasks = Api.as(port, rep).filterList("My leads to accept", Map.of("processInstanceBusinessKey",
                number));
        Api.Response rejected = Api.as(port, rep).post("/engine-rest/task/" + tasks.get(0).path("id").asText()
                + "/submit-form", Map.of("variables", Map.of("salDecision", Map.of("value", "reject"),
                        "rejectionReason", Map.of("value", "below_definition"),
                        "rejectionNote", Map.of("value", "wrote from " + email + ", a student"))));
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(204);
        assertThat(Api.as(port, "mona").filterList("Rejected leads to review", Map.of("processInstanceBusinessKey",
                number))).hasSize(1);
        String reports = "?from=" + LocalDate.now(EngineClock.clock()).minusDays(1) + "&to="
                + LocalDate.now(EngineClock.clock()).plusDays(1) + "&campaign=" + campaign;
        JsonNode funnelBefore = Api.as(port, "sally").get("/api/reports/funnel" + reports).json().path("total");
        JsonNode slaBefore = Api.as(port, "sally").get("/api/reports/sla" + reports).json().path("total");
        assertThat(funnelBefore.path("counts").path("mql").asInt()).as(funnelBefore.toString()).isEqualTo(1);
        assertThat(slaBefore.path("started").asInt()).isEqualTo(1);
        assertThat(places(email)).as("the scan finds the email before erasure")
                .contains("LEAD.EMAIL", "LEAD_REJECTION.NOTE").anyMatch(p -> p.startsWith("ACT_HI_"));

        Api.Response exported = Api.as(port, "mona").get("/api/leads/" + id + "/export");
        assertThat(exported.status()).as(exported.body()).isEqualTo(200);
        JsonNode export = exported.json();
        assertThat(export.path("lead").path("email").asText()).as(exported.body()).isEqualTo(email);
        assertThat(export.path("rejections").toString()).contains("a student");
        assertThat(Api.as(port, rep).get("/api/leads/" + id + "/export").status()).isEqualTo(403);
        assertThat(Api.as(port, rep).post("/api/leads/" + id + "/erasure", Map.of()).status()).isEqualTo(403);

        Api.Response erased = Api.as(port, "mona").post("/api/leads/" + id + "/erasure", Map.of());

        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(places(email)).isEmpty();
        assertThat(places(tag)).as("external id, campaign aside").allMatch(p -> p.equals("LEAD.CAMPAIGN")
                || p.equals("LEAD_REJECTION.CAMPAIGN") || p.equals("LEAD_EVENT.REASON"));
        JsonNode lead = Api.as(port, "sally").get("/api/leads/" + id).json();
        assertThat(lead.path("email").asText()).endsWith("@erased.invalid");
        assertThat(lead.path("lastName").isMissingNode()).isTrue();
        assertThat(lead.path("stage").asText()).isEqualTo(created.json().path("stage").asText());
        assertThat(Api.as(port, "sally").get("/api/reports/funnel" + reports).json().path("total"))
                .isEqualTo(funnelBefore);
        assertThat(Api.as(port, "sally").get("/api/reports/sla" + reports).json().path("total"))
                .isEqualTo(slaBefore);
        assertThat(Api.as(port, "admin").get("/engine-rest/history/process-instance?processInstanceBusinessKey="
                + number).json()).isEmpty();
    }

    @Test
    void theRetentionSettingErasesLeadsInactiveLongerThanIt() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = LeadApiIT.vp(null);
        body.put("email", "old-" + tag + "@retention-" + tag + ".example");
        String id = Api.as(port, "intake").post("/api/leads", body).json().path("id").asText();
        String owner = Api.as(port, "sally").get("/api/leads/" + id).json().path("owner").asText();
        long openLeads = Api.as(port, "sally").get("/api/reps/" + owner).json().path("openLeads").asLong();
        OffsetDateTime longAgo = OffsetDateTime.parse("2001-02-01T10:00:00Z");
        jdbc.sql("update lead set updated_at = ? where id = ?").params(longAgo, id).update();
        jdbc.sql("update lead_event set occurred_at = ? where lead_id = ?").params(longAgo, id).update();

        assertThat(personalData.eraseInactive(Period.ofYears(3), OffsetDateTime.parse("2004-01-31T10:00:00Z")))
                .as("inactive for less than three years").isZero();
        assertThat(personalData.eraseInactive(Period.ofYears(3), OffsetDateTime.parse("2004-02-02T10:00:00Z")))
                .isEqualTo(1);
        assertThat(Api.as(port, "sally").get("/api/leads/" + id).json().path("email").asText())
                .endsWith("@erased.invalid");
        assertThat(Api.as(port, "sally").get("/api/reps/" + owner).json().path("openLeads").asLong())
                .as("the erased MQL's process is gone: it occupies its owner no more").isEqualTo(openLeads - 1);
    }

    /** TABLE.COLUMN of every text and byte-array column of every table that holds the value, in any case. */
    private List<String> places(String value) throws SQLException {
        List<String> found = new ArrayList<>();
        byte[] needle = value.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, c.getSchema(), "%", "%")) {
                while (rs.next()) {
                    columns.add(new String[] { rs.getString("TABLE_NAME"), rs.getString("COLUMN_NAME"),
                            String.valueOf(rs.getInt("DATA_TYPE")) });
                }
            }
            assertThat(columns).as("the scan sees the engine's tables").anyMatch(col -> col[0]
                    .equalsIgnoreCase("ACT_GE_BYTEARRAY"));
            for (String[] col : columns) {
                int type = Integer.parseInt(col[2]);
                String where = col[0].toUpperCase(Locale.ROOT) + "." + col[1].toUpperCase(Locale.ROOT);
                String table = "\"" + col[0] + "\"";
                String column = "\"" + col[1] + "\"";
                if (TEXT.contains(type)) {
                    try (PreparedStatement s = c.prepareStatement("select count(*) from " + table + " where lower("
                            + column + ") like ?")) {
                        s.setString(1, "%" + value.toLowerCase(Locale.ROOT) + "%");
                        try (ResultSet rs = s.executeQuery()) {
                            rs.next();
                            if (rs.getLong(1) > 0) {
                                found.add(where);
                            }
                        }
                    }
                } else if (BYTES.contains(type)) {
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select " + column
                            + " from " + table + " where " + column + " is not null")) {
                        while (rs.next()) {
                            if (contains(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1)
                                    .toLowerCase(Locale.ROOT), new String(needle, StandardCharsets.ISO_8859_1))) {
                                found.add(where);
                                break;
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private static boolean contains(String haystack, String needle) {
        return haystack.contains(needle);
    }
}
