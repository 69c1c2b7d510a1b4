package dev.handoff.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * V9 gives the leads of an existing database their numbers in the order they were created (not the order their
 * rows were written), and the next lead continues after them: on H2 and on PostgreSQL.
 */
class LeadNumberMigrationTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void backfillsInCreationOrderOnH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:lead-number-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        backfillsInCreationOrder(h2);
    }

    @Test
    void backfillsInCreationOrderOnPostgres() {
        backfillsInCreationOrder(postgres.getPostgresDatabase());
    }

    private static void backfillsInCreationOrder(DataSource dataSource) {
        migrate(dataSource, "8");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // Written in another order than created, as the demo generator and imports do.
        insert(jdbc, "c", "2026-03-03T10:00:00Z");
        insert(jdbc, "a", "2026-03-01T10:00:00Z");
        insert(jdbc, "d", "2026-03-04T10:00:00Z");
        insert(jdbc, "b", "2026-03-02T10:00:00Z");

        migrate(dataSource, "9");

        assertThat(jdbc.queryForList("select email from lead order by lead_number", String.class))
                .containsExactly("a@example.com", "b@example.com", "c@example.com", "d@example.com");
        assertThat(jdbc.queryForList("select lead_number from lead order by lead_number", Long.class))
                .containsExactly(1L, 2L, 3L, 4L);
        insert(jdbc, "e", "2026-03-05T10:00:00Z");
        assertThat(jdbc.queryForObject("select lead_number from lead where email = 'e@example.com'", Long.class))
                .isEqualTo(5L);
    }

    private static void migrate(DataSource dataSource, String target) {
        Flyway.configure().dataSource(dataSource).table("handoff_schema_history").locations("classpath:db/migration")
                .target(target).load().migrate();
    }

    private static void insert(JdbcTemplate jdbc, String name, String createdAt) {
        String id = UUID.nameUUIDFromBytes(name.getBytes()).toString();
        Timestamp at = Timestamp.from(Instant.parse(createdAt));
        jdbc.update("insert into lead (id, email, source, stage, created_at, updated_at, stage_changed_at) "
                + "values (?, ?, 'INBOUND', 'LEAD', ?, ?, ?)", id, name + "@example.com", at, at, at);
    }
}
