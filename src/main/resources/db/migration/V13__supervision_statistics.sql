-- Statistics for supervision (issue 14), computed from the audit log alone by
-- supervision.LogFollower: it folds each entry after its cursor into these tables and moves the
-- cursor in the same transaction, so a restart resumes exactly. Days are Asia/Shanghai dates.
-- Absent dimensions are '' (never null), so every aggregate has a plain primary key.

-- The last entry folded in (-1: none yet). Its single row is the lock that keeps two gateways on
-- one database from folding the same entries.
create table supervision_cursor (
    id           integer     primary key,
    last_index   bigint      not null,
    updated_at   timestamptz not null default now(),
    constraint supervision_cursor_single_row check (id = 1),
    constraint supervision_cursor_index_range check (last_index >= -1)
);
insert into supervision_cursor (id, last_index) values (1, -1);

-- Per day and institution × purpose × grade: queries and consent events. A consent's decision
-- (made by the citizen) is counted for the institution whose request it answers.
create table supervision_cells (
    day                 date    not null,
    institution         text    not null,   -- USCC, '' when not known
    purpose             text    not null,
    grade               text    not null,
    queries_allowed     bigint  not null default 0,
    queries_refused     bigint  not null default 0,
    subjects            bigint  not null default 0,   -- distinct subjectRefs queried (supervision_subjects)
    consents_requested  bigint  not null default 0,
    consents_approved   bigint  not null default 0,
    consents_rejected   bigint  not null default 0,
    consents_revoked    bigint  not null default 0,
    consents_expired    bigint  not null default 0,
    consents_paused     bigint  not null default 0,
    consents_resumed    bigint  not null default 0,
    requests_expired    bigint  not null default 0,
    primary key (day, institution, purpose, grade)
);
create index supervision_cells_by_institution on supervision_cells (institution, day);

-- Refused queries by reason code, same cells.
create table supervision_refusals (
    day          date    not null,
    institution  text    not null,
    purpose      text    not null,
    grade        text    not null,
    reason_code  text    not null,
    n            bigint  not null,
    primary key (day, institution, purpose, grade, reason_code)
);

-- The exact seen-set behind supervision_cells.subjects: a cell's count grows only when a row is
-- first inserted here. Never returned by any API.
create table supervision_subjects (
    day          date    not null,
    institution  text    not null,
    purpose      text    not null,
    grade        text    not null,
    subject_ref  text    not null,
    primary key (day, institution, purpose, grade, subject_ref)
);

-- Consent requests not yet answered: a decision entry (which names subject, purpose and grade,
-- not the request) answers the oldest open request with the same three.
create table supervision_open_requests (
    request_index  bigint       primary key,
    subject_ref    text         not null,
    purpose        text         not null,
    grade          text         not null,
    institution    text         not null,
    requested_at   timestamptz  not null
);
create index supervision_open_requests_by_key on supervision_open_requests (subject_ref, purpose, grade, request_index);

-- Which institution each approved consent belongs to: revocations and expiries name the consent only.
create table supervision_consents (
    consent_id   text    primary key,
    institution  text    not null
);

-- Every decision's duration, kept exactly so a median is exact (percentile_disc at read time):
-- kind 'consent' (request to approval or rejection) or 'dispute' (filing to resolution), keyed
-- by the decision's entry and dated by the decision's day.
create table supervision_durations (
    entry_index  bigint  primary key,
    kind         text    not null,
    day          date    not null,
    institution  text    not null,
    purpose      text    not null,
    grade        text    not null,
    millis       bigint  not null,
    constraint supervision_durations_kind check (kind in ('consent', 'dispute'))
);
create index supervision_durations_by_day on supervision_durations (kind, day, institution, purpose);

-- Disputes per day (they belong to no institution), and the ones still open.
create table supervision_disputes (
    day          date    primary key,
    filed        bigint  not null default 0,
    resolved     bigint  not null default 0
);
create table supervision_open_disputes (
    filed_index  bigint       primary key,
    subject_ref  text         not null,
    filed_at     timestamptz  not null,
    day          date         not null
);
create index supervision_open_disputes_by_subject on supervision_open_disputes (subject_ref, filed_index);

-- Regulator reads (audit.read) per day and regulator.
create table supervision_regulator_reads (
    day          date    not null,
    regulator    text    not null,   -- the actor, regulator:<id>
    n            bigint  not null,
    primary key (day, regulator)
);
