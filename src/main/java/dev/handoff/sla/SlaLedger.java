package dev.handoff.sla;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * Every SLA clock Handoff starts and how it ended, every breach and every escalation: the numbers that tell
 * "sales did not honour the SLA" apart from "the leads were not good enough".
 */
@Component
public class SlaLedger {

    public enum Role { SDR, AE, MANAGER }

    public enum Outcome { ACCEPTED, REJECTED, BREACHED, MET, TAKEN_OVER, REASSIGNED }

    public record Assignment(long id, String leadId, Role role, String rep, String team, OffsetDateTime assignedAt,
            OffsetDateTime slaDueAt, OffsetDateTime endedAt, String outcome) {
    }

    private final JdbcClient jdbc;
    private final BusinessTime businessTime;

    public SlaLedger(JdbcClient jdbc, BusinessTime businessTime) {
        this.jdbc = jdbc;
        this.businessTime = businessTime;
    }

    /** Starts an SLA clock; {@code rep} null means the lead waits in the team's queue. */
    public long start(String leadId, Role role, String rep, String team, OffsetDateTime assignedAt,
            OffsetDateTime slaDueAt) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into lead_assignment (lead_id, role, rep, team, assigned_at, sla_due_at) "
                + "values (?, ?, ?, ?, ?, ?)")
                .params(leadId, role.name(), rep, team, assignedAt, slaDueAt)
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    /** Stops a clock once; a second stop of the same clock changes nothing. */
    public void end(long assignmentId, Outcome outcome, OffsetDateTime at) {
        Assignment assignment = get(assignmentId);
        if (assignment.endedAt() != null) {
            return;
        }
        long seconds = businessTime.between(assignment.assignedAt().toInstant(), at.toInstant()).toSeconds();
        jdbc.sql("update lead_assignment set ended_at = ?, outcome = ?, business_seconds = ? where id = ?")
                .params(at, outcome.name(), seconds, assignmentId).update();
    }

    public Assignment get(long assignmentId) {
        return jdbc.sql("select id, lead_id, role, rep, team, assigned_at, sla_due_at, ended_at, outcome "
                + "from lead_assignment where id = ?").param(assignmentId)
                .query((rs, i) -> new Assignment(rs.getLong("id"), rs.getString("lead_id"),
                        Role.valueOf(rs.getString("role")), rs.getString("rep"), rs.getString("team"),
                        rs.getObject("assigned_at", OffsetDateTime.class), rs.getObject("sla_due_at", OffsetDateTime.class),
                        rs.getObject("ended_at", OffsetDateTime.class), rs.getString("outcome")))
                .single();
    }

    public List<Assignment> assignments(String leadId) {
        return jdbc.sql("select id from lead_assignment where lead_id = ? order by assigned_at, id").param(leadId)
                .query(Long.class).list().stream().map(this::get).toList();
    }

    /** Records a breach: who, of which clock, how late (in calendar time). */
    public Duration breach(String leadId, Long assignmentId, String kind, String rep, String team,
            OffsetDateTime dueAt, OffsetDateTime at) {
        Duration late = Duration.between(dueAt, at);
        jdbc.sql("insert into sla_breach (lead_id, assignment_id, kind, rep, team, due_at, breached_at, late_seconds) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(leadId, assignmentId, kind, rep, team, dueAt, at, Math.max(0, late.toSeconds())).update();
        jdbc.sql("update lead set breach_count = breach_count + 1 where id = ?").param(leadId).update();
        return late.isNegative() ? Duration.ZERO : late;
    }

    public long breaches(String leadId) {
        return jdbc.sql("select count(*) from sla_breach where lead_id = ?").param(leadId).query(Long.class).single();
    }

    public long escalate(String leadId, String kind, OffsetDateTime at) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into lead_escalation (lead_id, kind, raised_at) values (?, ?, ?)")
                .params(leadId, kind, at).update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    public void resolveEscalation(long escalationId, String resolution, String by, OffsetDateTime at) {
        jdbc.sql("update lead_escalation set resolved_at = ?, resolution = ?, resolved_by = ? where id = ?")
                .params(at, resolution, by, escalationId).update();
    }

    static OffsetDateTime utc(java.util.Date date) {
        return date.toInstant().atOffset(ZoneOffset.UTC);
    }
}
