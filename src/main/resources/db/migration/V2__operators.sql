-- Operators (data providers) authenticate with private_key_jwt like regulators, and have the same shape.
-- The checks repeat the rules of org.consentgateway.registry, so a hand-written row cannot break them either.

create table operators (
    id           text        primary key,
    name         text        not null,
    public_key   text        not null,           -- public JWK JSON, kid = RFC 7638 thumbprint
    status       text        not null default 'ACTIVE',
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint operators_status check (status in ('ACTIVE', 'DISABLED')),
    -- lower-case with at least one letter: never the shape of a USCC, so a client id names one registry
    constraint operators_id_shape check (id ~ '^[a-z0-9][a-z0-9._-]{2,63}$' and id ~ '[a-z]'),
    constraint operators_name_length check (char_length(name) between 1 and 200)
);

alter table regulators
    add constraint regulators_id_shape check (id ~ '^[a-z0-9][a-z0-9._-]{2,63}$' and id ~ '[a-z]'),
    add constraint regulators_name_length check (char_length(name) between 1 and 200);

alter table institutions
    add constraint institutions_max_grade check (max_grade in ('BASIC', 'SUMMARY', 'DETAIL')),
    add constraint institutions_has_purposes check (cardinality(purposes) >= 1),
    add constraint institutions_name_length check (char_length(name) between 1 and 200);
