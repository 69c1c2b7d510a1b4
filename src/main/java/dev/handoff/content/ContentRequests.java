package dev.handoff.content;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Handoff's record of content requests: the request, its timeline, its draft versions, its alignment items. */
@Repository
class ContentRequests {

    record ContentRequest(long id, String processInstanceId, String type, String title, String need, String persona,
            String leadId, LocalDate neededBy, String requester, String status, LocalDate agreedDueDate,
            String declineReason, Long reusedAssetId, int revisionCount, OffsetDateTime createdAt,
            OffsetDateTime closedAt) {
    }

    record TimelineEntry(OffsetDateTime at, String actor, String kind, String detail) {
    }

    record Version(int version, String link, String notes, String author, OffsetDateTime createdAt) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    ContentRequests(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long insert(NewContentRequest request, String requester, String processInstanceId) {
        var keys = new GeneratedKeyHolder();
        jdbc.update("""
                insert into content_request (process_instance_id, type, title, need, persona, lead_id, needed_by,
                    requester, status, revision_count, created_at)
                values (:pid, :type, :title, :need, :persona, :leadId, :neededBy, :requester, 'triage', 0, :now)""",
                new MapSqlParameterSource("pid", processInstanceId).addValue("type", request.type())
                        .addValue("title", request.title()).addValue("need", request.need())
                        .addValue("persona", request.persona()).addValue("leadId", request.leadId())
                        .addValue("neededBy", request.neededBy()).addValue("requester", requester)
                        .addValue("now", EngineClock.now()),
                keys, new String[] { "id" });
        return keys.getKey().longValue();
    }

    Optional<ContentRequest> find(long id) {
        return jdbc.query("select * from content_request where id = :id", new MapSqlParameterSource("id", id),
                ContentRequests::request).stream().findFirst();
    }

    Optional<ContentRequest> findByProcessInstance(String processInstanceId) {
        return jdbc.query("select * from content_request where process_instance_id = :pid",
                new MapSqlParameterSource("pid", processInstanceId), ContentRequests::request).stream().findFirst();
    }

    ContentRequest get(long id) {
        return find(id).orElseThrow(() -> new IllegalStateException("No content request " + id));
    }

    void accept(long id, LocalDate agreedDueDate) {
        jdbc.update("update content_request set status = 'in_production', agreed_due_date = :due where id = :id",
                new MapSqlParameterSource("id", id).addValue("due", agreedDueDate));
    }

    void status(long id, String status) {
        jdbc.update("update content_request set status = :status where id = :id",
                new MapSqlParameterSource("id", id).addValue("status", status));
    }

    void close(long id, String status) {
        jdbc.update("update content_request set status = :status, closed_at = :now where id = :id",
                new MapSqlParameterSource("id", id).addValue("status", status).addValue("now", EngineClock.now()));
    }

    void closeDeclined(long id, String reason) {
        jdbc.update("""
                update content_request set status = 'declined', decline_reason = :reason, closed_at = :now
                where id = :id""",
                new MapSqlParameterSource("id", id).addValue("reason", reason).addValue("now", EngineClock.now()));
    }

    void closeReused(long id, long assetId) {
        jdbc.update("""
                update content_request set status = 'reused', reused_asset_id = :asset, closed_at = :now
                where id = :id""",
                new MapSqlParameterSource("id", id).addValue("asset", assetId).addValue("now", EngineClock.now()));
    }

    void revisionCount(long id, int revisionCount) {
        jdbc.update("update content_request set revision_count = :count, status = 'in_production' where id = :id",
                new MapSqlParameterSource("id", id).addValue("count", revisionCount));
    }

    /** Adds a step to the request's timeline; {@code actor} is null for what Handoff did by itself. */
    void record(long id, String actor, String kind, String detail) {
        jdbc.update("""
                insert into content_event (request_id, at, actor, kind, detail)
                values (:id, :now, :actor, :kind, :detail)""",
                new MapSqlParameterSource("id", id).addValue("now", EngineClock.now()).addValue("actor", actor)
                        .addValue("kind", kind).addValue("detail", abbreviate(detail)));
    }

    List<TimelineEntry> timeline(long id) {
        return jdbc.query("select * from content_event where request_id = :id order by at, id",
                new MapSqlParameterSource("id", id), (rs, n) -> new TimelineEntry(
                        rs.getObject("at", OffsetDateTime.class), rs.getString("actor"), rs.getString("kind"),
                        rs.getString("detail")));
    }

    int addVersion(long id, String link, String notes, String author) {
        Integer last = jdbc.queryForObject("select max(version) from content_version where request_id = :id",
                new MapSqlParameterSource("id", id), Integer.class);
        int version = last == null ? 1 : last + 1;
        jdbc.update("""
                insert into content_version (request_id, version, link, notes, author, created_at)
                values (:id, :version, :link, :notes, :author, :now)""",
                new MapSqlParameterSource("id", id).addValue("version", version).addValue("link", link)
                        .addValue("notes", notes).addValue("author", author).addValue("now", EngineClock.now()));
        return version;
    }

    List<Version> versions(long id) {
        return jdbc.query("select * from content_version where request_id = :id order by version",
                new MapSqlParameterSource("id", id), (rs, n) -> new Version(rs.getInt("version"),
                        rs.getString("link"), rs.getString("notes"), rs.getString("author"),
                        rs.getObject("created_at", OffsetDateTime.class)));
    }

    void raiseAlignmentItem(long id, int revisionCount, String reason) {
        jdbc.update("""
                insert into content_alignment_item (request_id, raised_at, revision_count, reason, status)
                values (:id, :now, :count, :reason, 'open')""",
                new MapSqlParameterSource("id", id).addValue("now", EngineClock.now())
                        .addValue("count", revisionCount).addValue("reason", abbreviate(reason)));
    }

    int openAlignmentItems(long id) {
        Integer count = jdbc.queryForObject(
                "select count(*) from content_alignment_item where request_id = :id and status = 'open'",
                new MapSqlParameterSource("id", id), Integer.class);
        return count == null ? 0 : count;
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }

    private static ContentRequest request(ResultSet rs, int row) throws SQLException {
        return new ContentRequest(rs.getLong("id"), rs.getString("process_instance_id"), rs.getString("type"),
                rs.getString("title"), rs.getString("need"), rs.getString("persona"), rs.getString("lead_id"),
                rs.getObject("needed_by", LocalDate.class), rs.getString("requester"), rs.getString("status"),
                rs.getObject("agreed_due_date", LocalDate.class), rs.getString("decline_reason"),
                rs.getObject("reused_asset_id", Long.class), rs.getInt("revision_count"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("closed_at", OffsetDateTime.class));
    }
}
