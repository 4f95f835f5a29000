-- The citizen app's server-side sessions (package web). The cookie carries a random 256-bit id;
-- only its SHA-256 is kept, so a copy of this table signs nobody in. A session is anonymous
-- (subject_ref null) from the sign-in page until the identity provider has answered, and holds
-- the subject's pseudonym after that, never the ID number.
create table web_sessions (
    id_hash             bytea       primary key,
    subject_ref         text,
    csrf_token          text        not null,
    created_at          timestamptz not null,
    last_seen_at        timestamptz not null,
    -- The sign-in under way from this session (OpenID Connect authorization request): taken
    -- once, by the callback whose state matches, before it expires.
    sign_in_state       text,
    sign_in_nonce       text,
    sign_in_verifier    text,
    sign_in_next        text,
    sign_in_expires_at  timestamptz,
    constraint web_sessions_id_hash_is_sha256 check (octet_length(id_hash) = 32),
    constraint web_sessions_subject_ref_format check (subject_ref ~ '^[0-9a-f]{64}$'),
    constraint web_sessions_sign_in_whole check (
        (sign_in_state is null) = (sign_in_nonce is null)
        and (sign_in_state is null) = (sign_in_verifier is null)
        and (sign_in_state is null) = (sign_in_next is null)
        and (sign_in_state is null) = (sign_in_expires_at is null))
);
-- The purge deletes by these.
create index web_sessions_by_last_seen on web_sessions (last_seen_at);
create index web_sessions_by_created on web_sessions (created_at);
