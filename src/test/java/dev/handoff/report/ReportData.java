package dev.handoff.report;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Fixed rows in Handoff's own tables, written the way the lead and sales processes record them. */
final class ReportData {

    private final JdbcClient jdbc;

    ReportData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime at(String instant) {
        return OffsetDateTime.parse(instant);
    }

    LeadRow lead(String createdAt) {
        return new LeadRow(at(createdAt));
    }

    final class LeadRow {
        private final OffsetDateTime created;
        private String source = "INBOUND";
        private String campaign;
        private Integer version = 1;
        private String stage = "LEAD";
        private String owner;
        private String team;
        private String persona;
        private Integer agreement;
        private BigDecimal amount;
        private OffsetDateTime mql, sal, sql, opportunity, closed, firstContact;

        LeadRow(OffsetDateTime created) {
            this.created = created;
        }

        LeadRow source(String source, String campaign) {
            this.source = source;
            this.campaign = campaign;
            return this;
        }

        /** The agreement the lead was judged and routed under (null: none recorded). */
        LeadRow agreement(Integer number) {
            this.agreement = number;
            return this;
        }

        /** The key of the persona the lead matched when scored (null: none). */
        LeadRow persona(String key) {
            this.persona = key;
            return this;
        }

        LeadRow version(Integer version) {
            this.version = version;
            return this;
        }

        LeadRow owner(String team, String owner) {
            this.team = team;
            this.owner = owner;
            return this;
        }

        /** Reaches every milestone up to {@code stage}, an hour apart. */
        LeadRow reached(String stage) {
            this.stage = stage;
            int depth = switch (stage) {
                case "MQL" -> 1;
                case "SAL" -> 2;
                case "SQL" -> 3;
                case "OPPORTUNITY" -> 4;
                case "WON", "LOST" -> 5;
                default -> 0;
            };
            mql = depth >= 1 ? created.plusHours(1) : null;
            sal = depth >= 2 ? created.plusHours(2) : null;
            sql = depth >= 3 ? created.plusHours(3) : null;
            opportunity = depth >= 4 ? created.plusHours(4) : null;
            closed = depth >= 5 ? created.plusHours(5) : null;
            return this;
        }

        LeadRow ended(String stage) {
            this.stage = stage;
            return this;
        }

        LeadRow won(String amount, String closedAt) {
            reached("WON");
            this.amount = new BigDecimal(amount);
            this.closed = at(closedAt);
            return this;
        }

        LeadRow firstContactAfter(Duration after) {
            this.firstContact = created.plus(after);
            return this;
        }

        String insert() {
            String id = UUID.randomUUID().toString();
            jdbc.sql("""
                    insert into lead (id, email, source, campaign, stage, mql_definition_version, owner, team, amount,
                        created_by, created_at, updated_at, stage_changed_at, mql_at, sal_at, sql_at, opportunity_at,
                        closed_at, first_contact_at, persona_key, agreement_number)
                    values (:id, :email, :source, :campaign, :stage, :version, :owner, :team, :amount, 'intake',
                        :created, :created, :created, :mql, :sal, :sql, :opportunity, :closed, :firstContact, :persona,
                        :agreement)""")
                    .param("id", id).param("email", id + "@example.com").param("source", source)
                    .param("campaign", campaign).param("stage", stage).param("version", version)
                    .param("owner", owner).param("team", team).param("amount", amount).param("created", created)
                    .param("mql", mql).param("sal", sal).param("sql", sql).param("opportunity", opportunity)
                    .param("closed", closed).param("firstContact", firstContact).param("persona", persona)
                    .param("agreement", agreement).update();
            return id;
        }
    }

    /** One SDR clock; {@code answeredAfter} null leaves it open. */
    long clock(String leadId, String team, String rep, String assignedAt, Duration sla, Duration endedAfter,
            String outcome, Long businessSeconds) {
        OffsetDateTime assigned = at(assignedAt);
        return jdbc.sql("""
                insert into lead_assignment (lead_id, role, rep, team, assigned_at, sla_due_at, ended_at, outcome,
                    business_seconds)
                values (:lead, 'SDR', :rep, :team, :assigned, :due, :ended, :outcome, :seconds)""")
                .param("lead", leadId).param("rep", rep).param("team", team).param("assigned", assigned)
                .param("due", assigned.plus(sla)).param("ended", endedAfter == null ? null : assigned.plus(endedAfter))
                .param("outcome", outcome).param("seconds", businessSeconds).update();
    }

    void breach(String leadId, String kind, String team, String rep, String breachedAt, long lateSeconds) {
        jdbc.sql("""
                insert into sla_breach (lead_id, kind, rep, team, due_at, breached_at, late_seconds)
                values (:lead, :kind, :rep, :team, :at, :at, :late)""")
                .param("lead", leadId).param("kind", kind).param("rep", rep).param("team", team)
                .param("at", at(breachedAt)).param("late", lateSeconds).update();
    }

    void rejection(String leadId, String rep, String reason, String rejectedAt, String review, String arbitration) {
        jdbc.sql("""
                insert into lead_rejection (lead_id, rep, reason, rejected_at, review_outcome, arbitration_outcome,
                    campaign)
                values (:lead, :rep, :reason, :at, :review, :arbitration, (select campaign from lead where id = :lead))""")
                .param("lead", leadId).param("rep", rep).param("reason", reason).param("at", at(rejectedAt))
                .param("review", review).param("arbitration", arbitration).update();
    }

    void escalation(String leadId, String raisedAt, String resolution) {
        jdbc.sql("""
                insert into lead_escalation (lead_id, kind, raised_at, resolved_at, resolution)
                values (:lead, 'ACCEPT', :at, :resolved, :resolution)""")
                .param("lead", leadId).param("at", at(raisedAt))
                .param("resolved", resolution == null ? null : at(raisedAt).plusHours(1))
                .param("resolution", resolution).update();
    }

    long contentRequest(String requester, String type, String createdAt, Duration closedAfter, int revisions,
            Long reusedAsset) {
        OffsetDateTime created = at(createdAt);
        jdbc.sql("""
                insert into content_request (process_instance_id, type, title, need, persona, needed_by, requester,
                    status, reused_asset_id, revision_count, created_at, closed_at)
                values (:pid, :type, 'Title', 'Need', 'CFO', :neededBy, :requester, :status, :reused, :revisions,
                    :created, :closed)""")
                .param("pid", UUID.randomUUID().toString()).param("type", type)
                .param("neededBy", created.toLocalDate().plusDays(14)).param("requester", requester)
                .param("status", closedAfter == null ? "in_production" : reusedAsset != null ? "reused" : "published")
                .param("reused", reusedAsset).param("revisions", revisions).param("created", created)
                .param("closed", closedAfter == null ? null : created.plus(closedAfter)).update();
        return jdbc.sql("select id from content_request where created_at = :created and requester = :requester"
                + " order by id desc").param("created", created).param("requester", requester)
                .query(Long.class).list().get(0);
    }

    void contentEvent(long requestId, String kind, OffsetDateTime at) {
        jdbc.sql("insert into content_event (request_id, at, kind) values (:id, :at, :kind)")
                .param("id", requestId).param("at", at).param("kind", kind).update();
    }

    long asset(long requestId, String publishedAt) {
        jdbc.sql("""
                insert into content_asset (request_id, type, title, need, persona, link, requester, author,
                    version_count, revision_count, requested_at, published_at, search_text)
                values (:id, 'deck', 'T', 'N', 'CFO', 'https://example.com', 'sam', 'cora', 1, 0, :at, :at, 't n')""")
                .param("id", requestId).param("at", at(publishedAt)).update();
        return jdbc.sql("select id from content_asset where request_id = :id").param("id", requestId)
                .query(Long.class).single();
    }

    void rating(long assetId, String rater, int usefulness, int deals, String ratedAt) {
        jdbc.sql("""
                insert into content_rating (asset_id, rater, usefulness, deals_used_in, rated_at)
                values (:asset, :rater, :usefulness, :deals, :at)""")
                .param("asset", assetId).param("rater", rater).param("usefulness", usefulness)
                .param("deals", deals).param("at", at(ratedAt)).update();
    }

    void alignmentItem(long requestId, String raisedAt) {
        jdbc.sql("""
                insert into content_alignment_item (request_id, raised_at, revision_count, reason)
                values (:id, :at, 3, 'Too many rounds')""").param("id", requestId).param("at", at(raisedAt)).update();
    }
}
