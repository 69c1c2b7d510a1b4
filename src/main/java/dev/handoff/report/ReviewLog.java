package dev.handoff.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** What the alignment reviews decided, as recorded by {@link RecordReviewOutcome}: newest first. */
@Component
class ReviewLog {

    record Review(String cadence, LocalDate periodFrom, LocalDate periodTo, String verdict, String followUp,
            String notes, String objectives, String reviewedBy, OffsetDateTime reviewedAt) {
    }

    private static final String COLUMNS = "select cadence, period_from, period_to, verdict, follow_up, notes,"
            + " objectives, reviewed_by, reviewed_at from alignment_review";

    private final NamedParameterJdbcTemplate jdbc;

    ReviewLog(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param cadence weekly, monthly or quarterly, or null for all */
    List<Review> reviews(Window window, String cadence) {
        Sql sql = Sql.in("reviewed_at", window).eq("cadence", cadence);
        return jdbc.query(COLUMNS + sql.where() + " order by reviewed_at desc, id desc", sql.params(), ReviewLog::read);
    }

    /** The latest review of a cadence before {@code now}, to remind the next one what was agreed. */
    Optional<Review> last(String cadence, OffsetDateTime now) {
        return jdbc.query(COLUMNS + " where cadence = :cadence and reviewed_at <= :now order by reviewed_at desc,"
                + " id desc fetch first 1 rows only", java.util.Map.of("cadence", cadence, "now", now),
                ReviewLog::read).stream().findFirst();
    }

    private static Review read(ResultSet rs, int row) throws SQLException {
        return new Review(rs.getString("cadence"), rs.getObject("period_from", LocalDate.class),
                rs.getObject("period_to", LocalDate.class), rs.getString("verdict"), rs.getString("follow_up"),
                rs.getString("notes"), rs.getString("objectives"), rs.getString("reviewed_by"),
                rs.getObject("reviewed_at", OffsetDateTime.class));
    }
}
