package dev.handoff.content;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.handoff.sla.BusinessHoursProperties;

/**
 * The monthly digest for sales: the previous month's new hub assets, the best-rated assets of that month's ratings,
 * marketing's events of the coming two months, and content marketing's focus topic and note. Archived issues are
 * what {@code GET /api/content/digests} lists.
 */
@Repository
class Digests {

    static final int BEST_RATED = 3;
    static final int EVENT_MONTHS = 2;

    record Item(long id, String title, String type, String link, Double averageUsefulness) {
    }

    record Contents(YearMonth month, YearMonth lookedBackOn, List<Item> newAssets, List<Item> bestRated,
            List<MarketingEvents.Event> events) {
    }

    record Issue(long id, String month, String focusTopic, String note, String subject, String body, int recipients,
            String writtenBy, OffsetDateTime sentAt) {
    }

    private final JdbcClient jdbc;
    private final MarketingEvents events;
    private final ZoneId zone;

    Digests(JdbcClient jdbc, MarketingEvents events, BusinessHoursProperties hours) {
        this.jdbc = jdbc;
        this.events = events;
        this.zone = hours.zone();
    }

    /** What the digest of the month of {@code today} holds. */
    Contents gather(LocalDate today) {
        YearMonth month = YearMonth.from(today);
        YearMonth previous = month.minusMonths(1);
        OffsetDateTime from = previous.atDay(1).atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime to = month.atDay(1).atStartOfDay(zone).toOffsetDateTime();
        List<Item> newAssets = jdbc.sql("select id, title, type, link from content_asset where published_at >= ? "
                + "and published_at < ? order by published_at, id").params(from, to)
                .query((rs, n) -> new Item(rs.getLong("id"), rs.getString("title"), rs.getString("type"),
                        rs.getString("link"), null)).list();
        List<Item> bestRated = jdbc.sql("select a.id, a.title, a.type, a.link, avg(cast(r.usefulness as double "
                + "precision)) as average from content_asset a join content_rating r on r.asset_id = a.id "
                + "where r.rated_at >= ? and r.rated_at < ? group by a.id, a.title, a.type, a.link "
                + "order by average desc, count(*) desc, a.id limit " + BEST_RATED).params(from, to)
                .query((rs, n) -> new Item(rs.getLong("id"), rs.getString("title"), rs.getString("type"),
                        rs.getString("link"), Math.round(rs.getDouble("average") * 10) / 10.0)).list();
        return new Contents(month, previous, newAssets, bestRated,
                events.between(today, today.plusMonths(EVENT_MONTHS)));
    }

    long archive(String month, String processInstanceId, String focusTopic, String note, String subject,
            String body, int recipients, String writtenBy) {
        jdbc.sql("insert into content_digest (issue_month, process_instance_id, focus_topic, note, subject, body, "
                + "recipients, written_by, sent_at) select ?, ?, ?, ?, ?, ?, ?, ?, ? where not exists "
                + "(select 1 from content_digest where process_instance_id = ?)")
                .params(month, processInstanceId, focusTopic, note, subject, body, recipients, writtenBy,
                        EngineClock.now(), processInstanceId).update();
        return jdbc.sql("select id from content_digest where process_instance_id = ?").param(processInstanceId)
                .query(Long.class).single();
    }

    List<Issue> list() {
        return jdbc.sql("select * from content_digest order by sent_at desc, id desc")
                .query((rs, n) -> new Issue(rs.getLong("id"), rs.getString("issue_month"),
                        rs.getString("focus_topic"),
                        rs.getString("note"), rs.getString("subject"), rs.getString("body"), rs.getInt("recipients"),
                        rs.getString("written_by"), rs.getObject("sent_at", OffsetDateTime.class))).list();
    }
}
