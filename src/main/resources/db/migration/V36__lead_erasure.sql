-- When a lead's personal data was erased (on request, or by the retention setting). The row stays, anonymous,
-- so every report still counts it.
alter table lead add column erased_at timestamp with time zone;
create index lead_updated_idx on lead (updated_at);
