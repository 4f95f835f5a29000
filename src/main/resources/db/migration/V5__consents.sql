-- The consent lifecycle (issue 5 "Consent lifecycle"). A subject is only ever its pseudonym
-- subject_ref; the ID number an institution sends is never stored.

-- An institution's request, waiting for the citizen's answer until expires_at (the answer window).
create table consent_requests (
    id                  uuid        primary key,
    institution_uscc    text        not null references institutions (uscc),
    subject_ref         text        not null,
    purpose             text        not null,
    grade               text        not null,
    valid_days          integer     not null,
    max_uses            integer     not null,
    data_window_months  integer     not null,
    status              text        not null default 'PENDING',
    created_at          timestamptz not null,
    expires_at          timestamptz not null,
    answered_at         timestamptz null,
    consent_id          uuid        null,
    constraint consent_requests_status check (status in ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED')),
    constraint consent_requests_subject_ref_is_hex check (subject_ref ~ '^[0-9a-f]{64}$'),
    constraint consent_requests_limits check (valid_days >= 1 and max_uses >= 1 and data_window_months >= 1),
    -- An approved request names its consent; no other state does.
    constraint consent_requests_approved_has_consent check ((status = 'APPROVED') = (consent_id is not null))
);
create index consent_requests_by_subject on consent_requests (subject_ref, status);
create index consent_requests_by_institution on consent_requests (institution_uscc);

-- A granted consent: the live state a query checks (the consent token only names it).
create table consents (
    id                  uuid        primary key,
    request_id          uuid        not null unique references consent_requests (id),
    institution_uscc    text        not null references institutions (uscc),
    subject_ref         text        not null,
    purpose             text        not null,
    grade               text        not null,
    max_uses            integer     not null,
    uses_left           integer     not null,
    data_window_months  integer     not null,
    status              text        not null default 'ACTIVE',
    created_at          timestamptz not null,
    not_before          timestamptz not null,
    expires_at          timestamptz not null,
    updated_at          timestamptz not null,
    constraint consents_status check (status in ('ACTIVE', 'PAUSED', 'REVOKED', 'EXPIRED', 'EXHAUSTED')),
    constraint consents_subject_ref_is_hex check (subject_ref ~ '^[0-9a-f]{64}$'),
    constraint consents_uses check (uses_left >= 0 and uses_left <= max_uses),
    constraint consents_period check (expires_at > not_before)
);
create index consents_by_subject on consents (subject_ref, created_at desc);
create index consents_by_institution on consents (institution_uscc);
