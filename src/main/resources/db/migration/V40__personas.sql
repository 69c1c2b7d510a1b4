-- The ideal customer profile and persona catalogue each agreement carries, as JSON (Catalogue); null for an
-- agreement made before they existed (the one in force is given the default catalogue at start-up).
alter table agreement add column catalogue varchar(20000);

-- The persona of the agreement's catalogue a lead's job title matched when it was scored (null: none matched).
alter table lead add column persona_key varchar(40);
create index lead_persona_idx on lead (persona_key, created_at);
