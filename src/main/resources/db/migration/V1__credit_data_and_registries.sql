-- Credit data. Identity fields and record payloads are AES-256-GCM ciphertexts (key id in the
-- header, see crypto.RecordCipher); the only clear-text columns are keys and bookkeeping.
-- A subject is known by its pseudonym subject_ref = HMAC-SHA-256(pseudonym key, ID number).

create table subjects (
    subject_ref  text        primary key,
    identity     bytea       not null,           -- encrypted JSON: ID number, name, phone, address
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint subjects_ref_is_hex check (subject_ref ~ '^[0-9a-f]{64}$')
);

create table credit_accounts (
    id           uuid        primary key,
    subject_ref  text        not null references subjects (subject_ref),
    version      integer     not null default 1,
    payload      bytea       not null,           -- encrypted JSON of the account (lender, amounts, status, repayment)
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
create index credit_accounts_by_subject on credit_accounts (subject_ref);

create table public_records (
    id           uuid        primary key,
    subject_ref  text        not null references subjects (subject_ref),
    version      integer     not null default 1,
    payload      bytea       not null,           -- encrypted JSON of the record (type, authority, amount, dates)
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
create index public_records_by_subject on public_records (subject_ref);

-- Registries. Institutions and regulators authenticate with private_key_jwt; their public keys
-- are stored as JWK JSON.

create table institutions (
    uscc         text        primary key,        -- unified social credit code, GB 32100-2015, validated by the gateway
    name         text        not null,
    public_key   text        not null,
    purposes     text[]      not null,
    max_grade    text        not null,
    status       text        not null default 'ACTIVE',
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint institutions_status check (status in ('ACTIVE', 'DISABLED')),
    constraint institutions_uscc_shape check (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$')
);

create table regulators (
    id           text        primary key,
    name         text        not null,
    public_key   text        not null,
    status       text        not null default 'ACTIVE',
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint regulators_status check (status in ('ACTIVE', 'DISABLED'))
);
