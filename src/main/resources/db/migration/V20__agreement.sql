-- The smarketing agreement both teams sign: which decision versions Handoff evaluates, the targets the quarter
-- diagnosis judges by and the quarter's shared objectives. Proposals are rows too; history stays readable.
create table agreement (
    number                        integer       not null primary key,
    status                        varchar(20)   not null,
    -- 'Y' while in force, null otherwise: the unique constraint keeps exactly one agreement in force.
    in_force                      char(1),
    effective_from                date,
    in_force_since                timestamp with time zone,
    superseded_at                 timestamp with time zone,
    mql_definition_version        integer       not null,
    sla_policy_version            integer       not null,
    lead_routing_version          integer       not null,
    lead_fit_version              integer       not null,
    target_sla_compliance         numeric(5, 4) not null,
    target_acceptance             numeric(5, 4) not null,
    target_sal_to_sql             numeric(5, 4) not null,
    target_definitional_share_max numeric(5, 4) not null,
    objective_mqls                integer,
    objective_sqls                integer,
    objective_pipeline            numeric(14, 2),
    objective_won_revenue         numeric(14, 2),
    summary                       varchar(1000),
    proposed_by                   varchar(64),
    proposed_side                 varchar(20),
    proposed_at                   timestamp with time zone,
    marketing_signed_by           varchar(64),
    marketing_signed_at           timestamp with time zone,
    sales_signed_by               varchar(64),
    sales_signed_at               timestamp with time zone,
    review_comment                varchar(1000),
    constraint agreement_status_ck check (status in ('DRAFT', 'PROPOSED', 'IN_FORCE', 'SUPERSEDED', 'REJECTED')),
    constraint agreement_in_force_ck check ((status = 'IN_FORCE' and in_force = 'Y')
        or (status <> 'IN_FORCE' and in_force is null)),
    constraint agreement_one_in_force_uk unique (in_force)
);

-- The agreement a lead was judged and routed under, beside the decision versions it records.
alter table lead add column agreement_number integer;
create index lead_agreement_idx on lead (agreement_number, created_at);
