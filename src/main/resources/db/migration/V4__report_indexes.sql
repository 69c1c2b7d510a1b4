-- Indexes for the alignment reports (dev.handoff.report), which select a period first. The wide ones cover
-- every column their report reads, so both H2 and PostgreSQL answer from the index without visiting the rows
-- (on 1M leads H2 otherwise spends seconds on row lookups by the random lead id).
create index lead_funnel_idx on lead (created_at, source, campaign, mql_definition_version, team, owner, stage,
    mql_at, sal_at, sql_at, opportunity_at, first_contact_at);
create index lead_won_idx on lead (stage, closed_at, source, campaign, team, owner, amount);
create index lead_assignment_report_idx on lead_assignment (role, assigned_at, team, rep, outcome, ended_at,
    sla_due_at, business_seconds);
create index sla_breach_report_idx on sla_breach (breached_at, team, rep, kind, late_seconds);
create index content_request_created on content_request (created_at);
create index content_rating_rated on content_rating (rated_at);
create index content_event_kind on content_event (kind, request_id, at);
