package dev.handoff.routing;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reps' routing state. The open-lead count comes from the lead table, so it can never drift: the leads a rep
 * owns in a stage where Handoff gives them work under an SLA (accepting the MQL, the contact cadence, the
 * discovery meeting). An opportunity does not count: it waits for the CRM's outcome, and the deal is worked
 * there at the pace of the sales cycle. An erased lead's processes are gone, so it occupies nobody.
 */
@Repository
class RepRepository {

    static final String SELECT = "select r.user_id, r.active, r.available, r.available_from, r.capacity, "
            + "r.last_assigned_at, (select count(*) from lead l where l.owner = r.user_id "
            + "and l.stage in ('MQL', 'SAL', 'SQL') and l.erased_at is null) as open_leads from rep r";

    private final JdbcClient jdbc;

    RepRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the rows a team's members lack, with the default capacity. */
    void ensure(List<String> userIds, int defaultCapacity, OffsetDateTime now) {
        for (String userId : userIds) {
            jdbc.sql("insert into rep (user_id, active, available, capacity, updated_at) "
                    + "select :id, true, true, :capacity, :now where not exists (select 1 from rep where user_id = :id)")
                    .param("id", userId).param("capacity", defaultCapacity).param("now", now).update();
        }
    }

    /** How many of the users have a rep row (without counting anyone's open leads). */
    int existing(List<String> userIds) {
        return jdbc.sql("select count(*) from rep where user_id in (:ids)").param("ids", userIds).query(Integer.class)
                .single();
    }

    /** The reps, locked until the transaction ends, so two nodes never hand out the same turn. */
    List<Rep> lockAll(List<String> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        jdbc.sql("select user_id from rep where user_id in (:ids) order by user_id for update").param("ids", userIds)
                .query(String.class).list();
        return jdbc.sql(SELECT + " where r.user_id in (:ids) order by r.user_id").param("ids", userIds)
                .query(RepRepository::rep).list();
    }

    Optional<Rep> find(String userId) {
        return jdbc.sql(SELECT + " where r.user_id = ?").param(userId).query(RepRepository::rep).optional();
    }

    List<Rep> findAll(List<String> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where r.user_id in (:ids) order by r.user_id").param("ids", userIds)
                .query(RepRepository::rep).list();
    }

    void markAssigned(String userId, OffsetDateTime now) {
        jdbc.sql("update rep set last_assigned_at = ? where user_id = ?").params(now, userId).update();
    }

    void update(String userId, boolean active, boolean available, OffsetDateTime availableFrom, int capacity,
            String by, OffsetDateTime now) {
        jdbc.sql("update rep set active = ?, available = ?, available_from = ?, capacity = ?, updated_by = ?, "
                + "updated_at = ? where user_id = ?")
                .params(active, available, availableFrom, capacity, by, now, userId).update();
    }

    private static Rep rep(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Rep(rs.getString("user_id"), rs.getBoolean("active"), rs.getBoolean("available"),
                rs.getObject("available_from", OffsetDateTime.class), rs.getInt("capacity"),
                rs.getObject("last_assigned_at", OffsetDateTime.class), rs.getLong("open_leads"));
    }
}
