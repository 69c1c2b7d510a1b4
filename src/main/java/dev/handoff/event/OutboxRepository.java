package dev.handoff.event;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;

/** The outbox table: rows written with the change, claimed under a lease, delivered or failed. */
@Repository
class OutboxRepository {

    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";

    record Row(long id, String eventId, String eventType, String subscriber, String orderingKey, String leadId,
            String payload, String status, int attempts, OffsetDateTime nextAttemptAt, String lastError,
            OffsetDateTime createdAt, OffsetDateTime deliveredAt) {
    }

    private static final String COLUMNS = "id, event_id, event_type, subscriber, ordering_key, lead_id, payload, "
            + "status, attempts, next_attempt_at, last_error, created_at, delivered_at";

    /** Due, not leased, and no earlier row of its subscriber and ordering key still undelivered. */
    private static final String CLAIMABLE = "m.status = 'PENDING' and m.next_attempt_at <= :now "
            + "and (m.lease_until is null or m.lease_until < :now) and not exists (select 1 from outbox_message p "
            + "where p.subscriber = m.subscriber and p.ordering_key = m.ordering_key and p.id < m.id "
            + "and p.status <> 'DELIVERED')";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private volatile Boolean postgres;

    OutboxRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** @return the new row's id */
    long insert(String eventId, String eventType, String subscriber, String orderingKey, String leadId,
            String payload, OffsetDateTime now) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into outbox_message (event_id, event_type, subscriber, ordering_key, lead_id, payload, "
                + "status, next_attempt_at, created_at) values (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)")
                .params(eventId, eventType, subscriber, orderingKey, leadId, payload, now, now).update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    /**
     * Ids of rows this node may try now, oldest first. On PostgreSQL inside the claiming transaction with
     * {@code FOR UPDATE SKIP LOCKED}, so that nodes claiming at the same moment take different rows; elsewhere the
     * lease condition of {@link #claim} alone decides (one of two racing nodes updates the row, the other none).
     */
    List<Long> claimable(OffsetDateTime now, int limit) {
        return jdbc.sql("select m.id from outbox_message m where " + CLAIMABLE + " order by m.id limit :limit"
                + (postgres() ? " for update of m skip locked" : ""))
                .param("now", now).param("limit", limit).query(Long.class).list();
    }

    /**
     * Leases the row to {@code owner} until {@code until} if it is still claimable; true if this call got it. The
     * lease conditions are on the updated row itself, so a node that waited for another's row lock re-checks them
     * on the row as the other left it.
     */
    boolean claim(long id, String owner, OffsetDateTime now, OffsetDateTime until) {
        return jdbc.sql("update outbox_message set lease_owner = :owner, lease_until = :until where id = :id "
                + "and status = 'PENDING' and next_attempt_at <= :now and (lease_until is null or lease_until < :now) "
                + "and not exists (select 1 from outbox_message p where p.subscriber = outbox_message.subscriber "
                + "and p.ordering_key = outbox_message.ordering_key and p.id < outbox_message.id "
                + "and p.status <> 'DELIVERED')")
                .param("owner", owner).param("until", until).param("id", id).param("now", now).update() == 1;
    }

    Optional<Row> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from outbox_message where id = ?").param(id)
                .query(OutboxRepository::row).optional();
    }

    /** The earliest moment a pending row is due, for an idle node to sleep until. */
    Optional<OffsetDateTime> nextDue() {
        return earliestPending("next_attempt_at");
    }

    void delivered(long id, String owner, OffsetDateTime now) {
        jdbc.sql("update outbox_message set status = 'DELIVERED', attempts = attempts + 1, delivered_at = ?, "
                + "last_error = null, lease_owner = null, lease_until = null where id = ? and lease_owner = ?")
                .params(now, id, owner).update();
    }

    void failedAttempt(long id, String owner, String error, OffsetDateTime nextAttempt, boolean givenUp) {
        jdbc.sql("update outbox_message set attempts = attempts + 1, last_error = ?, next_attempt_at = ?, "
                + "status = ?, lease_owner = null, lease_until = null where id = ? and lease_owner = ?")
                .params(error, nextAttempt, givenUp ? FAILED : PENDING, id, owner).update();
    }

    /** A node that starts again takes back at once what it had leased when it stopped. */
    int releaseLeases(String owner) {
        return jdbc.sql("update outbox_message set lease_owner = null, lease_until = null where lease_owner = ? "
                + "and status = 'PENDING'").param(owner).update();
    }

    /** Delivered rows older than {@code before} go; pending and failed rows stay whatever their age. */
    int deleteDelivered(OffsetDateTime before) {
        return jdbc.sql("delete from outbox_message where status = 'DELIVERED' and delivered_at < ?").param(before)
                .update();
    }

    /** When the oldest pending row was written. */
    Optional<OffsetDateTime> oldestPending() {
        return earliestPending("created_at");
    }

    private Optional<OffsetDateTime> earliestPending(String column) {
        // min() of no rows is one row holding null, which single() refuses.
        return jdbc.sql("select min(" + column + ") from outbox_message where status = 'PENDING'")
                .query((rs, i) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class))).single();
    }

    List<Row> failed(int limit) {
        return jdbc.sql("select " + COLUMNS + " from outbox_message where status = 'FAILED' order by id limit ?")
                .param(limit).query(OutboxRepository::row).list();
    }

    long count(String status) {
        return jdbc.sql("select count(*) from outbox_message where status = ?").param(status).query(Long.class)
                .single();
    }

    /** A failed row goes back to pending with its attempts reset; false if it is not failed. */
    boolean retry(long id, OffsetDateTime now) {
        return jdbc.sql("update outbox_message set status = 'PENDING', attempts = 0, next_attempt_at = ? "
                + "where id = ? and status = 'FAILED'").params(now, id).update() == 1;
    }

    /** Every failed row of the subscriber goes back to pending, as {@link #retry} does; returns how many. */
    int retryFailed(String subscriber, OffsetDateTime now) {
        return jdbc.sql("update outbox_message set status = 'PENDING', attempts = 0, next_attempt_at = ? "
                + "where subscriber = ? and status = 'FAILED'").params(now, subscriber).update();
    }

    int erase(String leadId, Collection<String> values) {
        int erased = jdbc.sql("delete from outbox_message where lead_id = ?").param(leadId).update();
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                erased += jdbc.sql("delete from outbox_message where payload like ?")
                        .param("%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                        .update();
            }
        }
        return erased;
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("event_id"), rs.getString("event_type"),
                rs.getString("subscriber"), rs.getString("ordering_key"), rs.getString("lead_id"),
                rs.getString("payload"), rs.getString("status"), rs.getInt("attempts"),
                rs.getObject("next_attempt_at", OffsetDateTime.class), rs.getString("last_error"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("delivered_at", OffsetDateTime.class));
    }

    private boolean postgres() {
        if (postgres == null) {
            postgres = isPostgres(dataSource);
        }
        return postgres;
    }

    private static boolean isPostgres(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource,
                    DatabaseMetaData::getDatabaseProductName);
            return product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
        } catch (MetaDataAccessException e) {
            return false;
        }
    }
}
