-- Routing counts each rep's open leads every time it routes a lead (routing/RepRepository). With the open stages
-- first, then owner and erased_at, both H2 (which seeks an IN list only on an index's first column) and PostgreSQL
-- read just that rep's entries in the three open stages, and never a lead row: the count's cost is bounded by the
-- rep's open leads (held to their capacity), not by how many leads there are or how many the rep ever closed.
create index lead_open_owner_idx on lead (stage, owner, erased_at);
