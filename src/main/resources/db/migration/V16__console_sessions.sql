-- The regulator console's server-side sessions (package console), apart from the citizen app's
-- web_sessions: a citizen's session id is never looked up here, nor a console session's there.
-- The cookie carries a random 256-bit id; only its SHA-256 is kept. A session is anonymous
-- (member_id null) on the sign-in page, holding the one-time challenge that page shows (only its
-- SHA-256, taken once, before it expires), and after sign-in the regulator's or operator's id and
-- role, under a new id.
create table console_sessions (
    id_hash               bytea       primary key,
    member_role           text,
    member_id             text,
    csrf_token            text        not null,
    created_at            timestamptz not null,
    last_seen_at          timestamptz not null,
    challenge_hash        bytea,
    challenge_expires_at  timestamptz,
    constraint console_sessions_id_hash_is_sha256 check (octet_length(id_hash) = 32),
    constraint console_sessions_member_whole check ((member_role is null) = (member_id is null)),
    constraint console_sessions_member_role check (member_role in ('regulator', 'operator')),
    constraint console_sessions_challenge_hash_is_sha256 check (octet_length(challenge_hash) = 32),
    constraint console_sessions_challenge_whole check ((challenge_hash is null) = (challenge_expires_at is null)),
    -- A signed-in session signs in no further: it holds no challenge.
    constraint console_sessions_challenge_only_anonymous check (member_id is null or challenge_hash is null)
);
-- The purge deletes by these.
create index console_sessions_by_last_seen on console_sessions (last_seen_at);
create index console_sessions_by_created on console_sessions (created_at);
