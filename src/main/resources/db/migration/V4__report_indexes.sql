-- Indexes for the alignment reports (dev.handoff.report), which filter by period first.
create index lead_closed_idx on lead (closed_at, stage);
create index content_request_created on content_request (created_at);
create index content_rating_rated on content_rating (rated_at);
create index content_event_kind on content_event (kind, request_id, at);
