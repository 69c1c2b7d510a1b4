package dev.handoff.lead;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.handoff.event.Outbox;

/** Handoff's lead tables; the timeline entries other systems hear of leave through the outbox with them. */
@Repository
class LeadRepository {

    private static final String COLUMNS = "id, lead_number, external_id, email, first_name, last_name, phone, job_title, company, "
            + "company_size, industry, country, source, campaign, stage, stage_reason, fit_points, fit_grade, "
            + "engagement_score, mql_definition_version, agreement_number, persona_key, owner, team, sla_due_at, "
            + "created_at, updated_at";

    private final JdbcClient jdbc;
    private final Outbox outbox;

    LeadRepository(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** @return the lead number the database gave the new lead */
    String insert(String id, LeadRequest r, String createdBy, OffsetDateTime now) {
        jdbc.sql("insert into lead (id, external_id, email, open_email, first_name, last_name, phone, job_title, "
                + "company, company_size, industry, country, source, campaign, stage, created_by, created_at, "
                + "updated_at, stage_changed_at) values (:id, :externalId, :email, :openEmail, :firstName, :lastName, "
                + ":phone, :jobTitle, :company, :companySize, :industry, :country, :source, :campaign, :stage, "
                + ":createdBy, :now, :now, :now)")
                .param("id", id).param("externalId", r.externalId()).param("email", r.email())
                .param("openEmail", normalized(r.email())).param("firstName", r.firstName())
                .param("lastName", r.lastName()).param("phone", r.phone()).param("jobTitle", r.jobTitle())
                .param("company", r.company()).param("companySize", r.companySize()).param("industry", r.industry())
                .param("country", r.country()).param("source", r.source().name()).param("campaign", r.campaign())
                .param("stage", LeadStage.LEAD.name()).param("createdBy", createdBy).param("now", now)
                .update();
        return number(id);
    }

    /** The lead's number as people and the engine's business key read it, e.g. {@code L-000123}. */
    String number(String id) {
        return Lead.number(jdbc.sql("select lead_number from lead where id = ?").param(id).query(Long.class).single());
    }

    Optional<Lead> findById(String id) {
        return jdbc.sql("select " + COLUMNS + " from lead where id = ?").param(id).query(LeadRepository::lead)
                .optional();
    }

    /** The lead a repeated submission means: same external id, or same email while that lead is open. */
    Optional<Lead> findDuplicate(String externalId, String email) {
        if (externalId != null) {
            Optional<Lead> byExternalId = jdbc.sql("select " + COLUMNS + " from lead where external_id = ?")
                    .param(externalId).query(LeadRepository::lead).optional();
            if (byExternalId.isPresent()) {
                return byExternalId;
            }
        }
        return jdbc.sql("select " + COLUMNS + " from lead where open_email = ?").param(normalized(email))
                .query(LeadRepository::lead).optional();
    }

    List<Lead> page(LeadStage stage, String owner, LeadReaders.Scope scope, int page, int size) {
        return filtered("select " + COLUMNS + " from lead", stage, owner, scope,
                " order by created_at desc, id limit :size offset :offset")
                .param("size", size).param("offset", (long) page * size)
                .query(LeadRepository::lead).list();
    }

    long count(LeadStage stage, String owner, LeadReaders.Scope scope) {
        return filtered("select count(*) from lead", stage, owner, scope, "").query(Long.class).single();
    }

    private JdbcClient.StatementSpec filtered(String select, LeadStage stage, String owner, LeadReaders.Scope scope,
            String tail) {
        StringBuilder sql = new StringBuilder(select).append(" where 1 = 1");
        if (stage != null) {
            sql.append(" and stage = :stage");
        }
        if (owner != null) {
            sql.append(" and owner = :owner");
        }
        if (!scope.all()) {
            sql.append(" and (owner = :reader or owner is null and team in (:readerTeams))");
        }
        JdbcClient.StatementSpec spec = jdbc.sql(sql.append(tail).toString());
        if (!scope.all()) {
            spec = spec.param("reader", scope.owner()).param("readerTeams", scope.unroutedTeams());
        }
        if (stage != null) {
            spec = spec.param("stage", stage.name());
        }
        if (owner != null) {
            spec = spec.param("owner", owner);
        }
        return spec;
    }

    /** Adds the engagements the lead does not have yet (same type at the same instant); returns how many. */
    int addEngagements(String leadId, List<Engagement> engagements, OffsetDateTime now) {
        int added = 0;
        for (Engagement e : engagements) {
            added += jdbc.sql("insert into lead_engagement (lead_id, type, occurred_at, recorded_at) "
                    + "select :lead, :type, :occurred, :now where not exists (select 1 from lead_engagement "
                    + "where lead_id = :lead and type = :type and occurred_at = :occurred)")
                    .param("lead", leadId).param("type", e.type().name()).param("occurred", e.occurredAt())
                    .param("now", now).update();
        }
        return added;
    }

    int engagementCount(String leadId) {
        return jdbc.sql("select count(*) from lead_engagement where lead_id = ?").param(leadId).query(Integer.class)
                .single();
    }

    List<Engagement> engagements(String leadId) {
        return jdbc.sql("select type, occurred_at from lead_engagement where lead_id = ? order by occurred_at")
                .param(leadId)
                .query((rs, i) -> new Engagement(EngagementType.valueOf(rs.getString("type")),
                        rs.getObject("occurred_at", OffsetDateTime.class)))
                .list();
    }

    /** The lead's scores and the persona its job title matched (null: none) when fit was evaluated. */
    void updateScores(String id, LeadScoring.Fit fit, BigDecimal engagementScore, OffsetDateTime now) {
        jdbc.sql("update lead set fit_points = ?, fit_grade = ?, persona_key = ?, engagement_score = ?, updated_at = ? "
                + "where id = ?").params(fit.points(), fit.grade(), fit.persona(), engagementScore, now, id).update();
    }

    void updateEngagementScore(String id, BigDecimal engagementScore, OffsetDateTime now) {
        jdbc.sql("update lead set engagement_score = ?, updated_at = ? where id = ?")
                .params(engagementScore, now, id).update();
    }

    void updateDetails(String id, LeadRequest r, OffsetDateTime now) {
        jdbc.sql("update lead set first_name = :firstName, last_name = :lastName, phone = :phone, "
                + "job_title = :jobTitle, company = :company, company_size = :companySize, industry = :industry, "
                + "country = :country, updated_at = :now where id = :id")
                .param("firstName", r.firstName()).param("lastName", r.lastName()).param("phone", r.phone())
                .param("jobTitle", r.jobTitle()).param("company", r.company()).param("companySize", r.companySize())
                .param("industry", r.industry()).param("country", r.country()).param("now", now).param("id", id)
                .update();
    }

    /** Moves the lead to a stage; the first time it reaches a funnel milestone that time is kept for reports. */
    void changeStage(String id, LeadStage stage, String reason, Integer mqlDefinitionVersion, OffsetDateTime now) {
        String milestone = switch (stage) {
            case MQL -> "mql_at";
            case SAL -> "sal_at";
            case SQL -> "sql_at";
            case OPPORTUNITY -> "opportunity_at";
            case WON, LOST, RECYCLED, DISQUALIFIED -> "closed_at";
            default -> null;
        };
        jdbc.sql("update lead set stage = :stage, stage_reason = :reason, stage_changed_at = :now, updated_at = :now, "
                + "mql_definition_version = coalesce(:version, mql_definition_version)"
                + (milestone == null ? "" : ", " + milestone + " = coalesce(" + milestone + ", :now)")
                + " where id = :id")
                .param("stage", stage.name()).param("reason", reason).param("now", now)
                .param("version", mqlDefinitionVersion).param("id", id).update();
    }

    /** The agreement (its number) the lead was judged and routed under. */
    void recordAgreement(String id, int agreementNumber) {
        jdbc.sql("update lead set agreement_number = ? where id = ?").params(agreementNumber, id).update();
    }

    /** The lead has ended for good: its email is free for a new lead. */
    void close(String id) {
        jdbc.sql("update lead set open_email = null where id = ?").param(id).update();
    }

    void assign(String id, String owner, String team, OffsetDateTime slaDueAt, OffsetDateTime now) {
        jdbc.sql("update lead set owner = ?, team = ?, sla_due_at = ?, updated_at = ? where id = ?")
                .params(owner, team, slaDueAt, now, id).update();
    }

    void setAmount(String id, java.math.BigDecimal amount) {
        jdbc.sql("update lead set amount = ? where id = ?").params(amount, id).update();
    }

    void recordContactAttempt(String leadId, String rep, String channel, String outcome, String note,
            OffsetDateTime at) {
        jdbc.sql("insert into contact_attempt (lead_id, rep, channel, outcome, note, attempted_at) "
                + "values (?, ?, ?, ?, ?, ?)").params(leadId, rep, channel, outcome, note, at).update();
        jdbc.sql("update lead set contact_attempts = contact_attempts + 1, "
                + "first_contact_at = coalesce(first_contact_at, ?), updated_at = ? where id = ?")
                .params(at, at, leadId).update();
    }

    int contactAttempts(String leadId) {
        return jdbc.sql("select contact_attempts from lead where id = ?").param(leadId).query(Integer.class).single();
    }

    long recordRejection(String leadId, String rep, String reason, String note, OffsetDateTime at) {
        org.springframework.jdbc.support.KeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into lead_rejection (lead_id, rep, reason, note, rejected_at, campaign) "
                + "values (?, ?, ?, ?, ?, (select campaign from lead where id = ?))")
                .params(leadId, rep, reason, note, at, leadId).update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    void reviewRejection(long rejectionId, String outcome, String by) {
        jdbc.sql("update lead_rejection set review_outcome = ?, reviewed_by = ? where id = ?")
                .params(outcome, by, rejectionId).update();
    }

    void arbitrateRejection(long rejectionId, String outcome, String by, OffsetDateTime at) {
        jdbc.sql("update lead_rejection set arbitration_outcome = ?, arbitrated_by = ?, arbitrated_at = ? where id = ?")
                .params(outcome, by, at, rejectionId).update();
    }

    /**
     * Adds an entry to the lead's timeline, the one place every stage change, breach and escalation is recorded;
     * those of {@link PublishedEvents} are published to the subscribers in the same transaction.
     */
    /** Why the MQL definition last judged the lead as it did (its latest MQL_DEFINITION_APPLIED), or null. */
    String mqlReason(String leadId) {
        return jdbc.sql("select reason from lead_event where lead_id = ? and type = 'MQL_DEFINITION_APPLIED' "
                + "order by occurred_at desc, id desc fetch first 1 rows only").param(leadId).query(String.class)
                .optional().orElse(null);
    }

    void addEvent(String leadId, LeadEvent event) {
        jdbc.sql("insert into lead_event (lead_id, occurred_at, type, stage, actor, reason, detail) "
                + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(leadId, event.occurredAt(), event.type(), event.stage() == null ? null : event.stage().name(),
                        event.actor(), event.reason(), event.detail())
                .update();
        if (PublishedEvents.LABELS.containsKey(event.type())) {
            findById(leadId).flatMap(lead -> PublishedEvents.of(lead, event)).ifPresent(outbox::publish);
        }
    }

    List<LeadEvent> events(String leadId) {
        return jdbc.sql("select occurred_at, type, stage, actor, reason, detail from lead_event where lead_id = ? "
                + "order by occurred_at, id")
                .param(leadId)
                .query((rs, i) -> new LeadEvent(rs.getObject("occurred_at", OffsetDateTime.class),
                        rs.getString("type"), rs.getString("stage") == null ? null : LeadStage.valueOf(rs.getString("stage")),
                        rs.getString("actor"), rs.getString("reason"), rs.getString("detail")))
                .list();
    }

    static String normalized(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    private static Lead lead(ResultSet rs, int row) throws SQLException {
        return new Lead(rs.getString("id"), Lead.number(rs.getLong("lead_number")), rs.getString("external_id"),
                rs.getString("email"), rs.getString("first_name"), rs.getString("last_name"), rs.getString("phone"),
                rs.getString("job_title"), rs.getString("company"), rs.getObject("company_size", Integer.class),
                rs.getString("industry"), rs.getString("country"), LeadSource.valueOf(rs.getString("source")),
                rs.getString("campaign"), LeadStage.valueOf(rs.getString("stage")), rs.getString("stage_reason"),
                rs.getObject("fit_points", Integer.class), rs.getString("fit_grade"),
                rs.getBigDecimal("engagement_score"), rs.getObject("mql_definition_version", Integer.class),
                rs.getObject("agreement_number", Integer.class), rs.getString("persona_key"), rs.getString("owner"), rs.getString("team"), rs.getObject("sla_due_at", OffsetDateTime.class),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }
}
