package dev.handoff.content;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import dev.handoff.content.ContentRequests.ContentRequest;
import dev.handoff.content.ContentRequests.Version;

/** The content hub: published assets, found by search and reused, with their ratings. */
@Repository
class ContentHub {

    record Asset(long id, long requestId, String type, String title, String need, String persona, String tags,
            String link, String requester, String author, int versionCount, int revisionCount, int reuseCount,
            OffsetDateTime requestedAt, OffsetDateTime publishedAt, Duration cycleTime, Double averageUsefulness,
            int ratingCount, int dealsUsedIn) {
    }

    record Rating(String rater, int usefulness, int dealsUsedIn, String comment, OffsetDateTime ratedAt) {
    }

    record Page(List<Asset> items, int page, int size, long total) {
    }

    private static final String SELECT = """
            select a.*, r.average_usefulness, coalesce(r.rating_count, 0) as rating_count,
                coalesce(r.deals_used_in, 0) as deals_used_in
            from content_asset a
            left join (select asset_id, avg(cast(usefulness as double precision)) as average_usefulness,
                    count(*) as rating_count, sum(deals_used_in) as deals_used_in
                from content_rating group by asset_id) r on r.asset_id = a.id
            """;

    private final NamedParameterJdbcTemplate jdbc;

    ContentHub(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long publish(ContentRequest request, List<Version> versions, String tags) {
        Version latest = versions.get(versions.size() - 1);
        OffsetDateTime now = EngineClock.now();
        var keys = new GeneratedKeyHolder();
        jdbc.update("""
                insert into content_asset (request_id, type, title, need, persona, tags, link, requester, author,
                    version_count, revision_count, reuse_count, requested_at, published_at, search_text)
                values (:request, :type, :title, :need, :persona, :tags, :link, :requester, :author, :versions,
                    :revisions, 0, :requestedAt, :now, :search)""",
                new MapSqlParameterSource("request", request.id()).addValue("type", request.type())
                        .addValue("title", request.title()).addValue("need", request.need())
                        .addValue("persona", request.persona()).addValue("tags", tags)
                        .addValue("link", latest.link()).addValue("requester", request.requester())
                        .addValue("author", latest.author()).addValue("versions", versions.size())
                        .addValue("revisions", request.revisionCount())
                        .addValue("requestedAt", request.createdAt()).addValue("now", now)
                        .addValue("search", searchText(request.title(), request.need(), tags)),
                keys, new String[] { "id" });
        return keys.getKey().longValue();
    }

    Optional<Asset> find(long id) {
        return jdbc.query(SELECT + " where a.id = :id", new MapSqlParameterSource("id", id), ContentHub::asset)
                .stream().findFirst();
    }

    /** Case-insensitive search in title, need and tags; {@code type} and {@code persona} narrow it down. */
    Page search(String q, String type, String persona, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        var params = new MapSqlParameterSource();
        if (q != null && !q.isBlank()) {
            where.append(" and a.search_text like :q escape '\\'");
            params.addValue("q", "%" + escapeLike(q.trim().toLowerCase(Locale.ROOT)) + "%");
        }
        if (type != null && !type.isBlank()) {
            where.append(" and a.type = :type");
            params.addValue("type", type);
        }
        if (persona != null && !persona.isBlank()) {
            where.append(" and lower(a.persona) = :persona");
            params.addValue("persona", persona.trim().toLowerCase(Locale.ROOT));
        }
        Long total = jdbc.queryForObject("select count(*) from content_asset a" + where, params, Long.class);
        params.addValue("limit", size).addValue("offset", (long) page * size);
        List<Asset> items = jdbc.query(SELECT + where + " order by a.published_at desc, a.id desc"
                + " limit :limit offset :offset", params, ContentHub::asset);
        return new Page(items, page, size, total == null ? 0 : total);
    }

    Long assetOfRequest(long requestId) {
        return jdbc.query("select id from content_asset where request_id = :id", new MapSqlParameterSource("id",
                requestId), (rs, n) -> rs.getLong("id")).stream().findFirst().orElse(null);
    }

    void countReuse(long id) {
        jdbc.update("update content_asset set reuse_count = reuse_count + 1 where id = :id",
                new MapSqlParameterSource("id", id));
    }

    void rate(long assetId, String rater, int usefulness, int dealsUsedIn, String comment) {
        jdbc.update("""
                insert into content_rating (asset_id, rater, usefulness, deals_used_in, comment, rated_at)
                values (:asset, :rater, :usefulness, :deals, :comment, :now)""",
                new MapSqlParameterSource("asset", assetId).addValue("rater", rater)
                        .addValue("usefulness", usefulness).addValue("deals", dealsUsedIn)
                        .addValue("comment", comment).addValue("now", EngineClock.now()));
    }

    List<Rating> ratings(long assetId) {
        return jdbc.query("select * from content_rating where asset_id = :id order by rated_at, id",
                new MapSqlParameterSource("id", assetId), (rs, n) -> new Rating(rs.getString("rater"),
                        rs.getInt("usefulness"), rs.getInt("deals_used_in"), rs.getString("comment"),
                        rs.getObject("rated_at", OffsetDateTime.class)));
    }

    static String searchText(String title, String need, String tags) {
        String text = String.join("\n", title, need, tags == null ? "" : tags).toLowerCase(Locale.ROOT);
        return text.length() <= 2800 ? text : text.substring(0, 2800);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Asset asset(ResultSet rs, int row) throws SQLException {
        OffsetDateTime requestedAt = rs.getObject("requested_at", OffsetDateTime.class);
        OffsetDateTime publishedAt = rs.getObject("published_at", OffsetDateTime.class);
        double average = rs.getDouble("average_usefulness");
        Double averageUsefulness = rs.wasNull() ? null : Math.round(average * 10) / 10.0;
        return new Asset(rs.getLong("id"), rs.getLong("request_id"), rs.getString("type"), rs.getString("title"),
                rs.getString("need"), rs.getString("persona"), rs.getString("tags"), rs.getString("link"),
                rs.getString("requester"), rs.getString("author"), rs.getInt("version_count"),
                rs.getInt("revision_count"), rs.getInt("reuse_count"), requestedAt, publishedAt,
                Duration.between(requestedAt, publishedAt), averageUsefulness, rs.getInt("rating_count"),
                rs.getInt("deals_used_in"));
    }
}
