package dev.handoff.content;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import dev.handoff.platform.FieldProblem;
import dev.handoff.platform.InputBounds;
import dev.handoff.platform.InvalidInputException;
import dev.handoff.platform.NotFoundException;

/** The small list of events marketing keeps (name, date, link) for the monthly digest. */
@Repository
class MarketingEvents {

    record Event(long id, String name, LocalDate startsOn, String link, String createdBy) {
    }

    private final JdbcClient jdbc;

    MarketingEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Event add(String name, LocalDate startsOn, String link, String by) {
        List<FieldProblem> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new FieldProblem("name", "is required"));
        } else if (name.strip().length() > 200 || !InputBounds.storable(name)) {
            problems.add(new FieldProblem("name", "must be at most 200 characters of text"));
        }
        if (startsOn == null) {
            problems.add(new FieldProblem("startsOn", "is required (a date such as 2026-03-18)"));
        } else if (!InputBounds.inRange(startsOn)) {
            problems.add(new FieldProblem("startsOn", InputBounds.OUT_OF_RANGE));
        }
        if (link == null || !link.strip().matches("https?://[^\\s]{1,990}")) {
            problems.add(new FieldProblem("link", "must be an http(s) address of at most 1,000 characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into marketing_event (name, starts_on, link, created_by, created_at) values (?, ?, ?, ?, ?)")
                .params(name.strip(), startsOn, link.strip(), by, EngineClock.now()).update(key, "id");
        return new Event(key.getKeyAs(Number.class).longValue(), name.strip(), startsOn, link.strip(), by);
    }

    Event delete(long id) {
        Event event = jdbc.sql("select id, name, starts_on, link, created_by from marketing_event where id = ?")
                .param(id).query(MarketingEvents::event).optional()
                .orElseThrow(() -> new NotFoundException("No event " + id));
        jdbc.sql("delete from marketing_event where id = ?").param(id).update();
        return event;
    }

    /** Events on or after {@code from} and before {@code until}, soonest first. */
    List<Event> between(LocalDate from, LocalDate until) {
        return jdbc.sql("select id, name, starts_on, link, created_by from marketing_event where starts_on >= ? "
                + "and starts_on < ? order by starts_on, id").params(from, until)
                .query(MarketingEvents::event).list();
    }

    private static Event event(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Event(rs.getLong("id"), rs.getString("name"), rs.getObject("starts_on", LocalDate.class),
                rs.getString("link"), rs.getString("created_by"));
    }
}
