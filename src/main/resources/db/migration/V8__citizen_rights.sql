-- Citizen rights (issue 6): entries by subject, disputes, statements and record history.
-- Free text a citizen or an operator writes (a dispute's reason, a resolution note, a statement)
-- may name people: it is stored as an AES-256-GCM ciphertext bound to its row, like the records.

-- Every entry about a subject, by subject: the citizen's inquiry history ("who read or tried to
-- read my data"), the lifecycle of their consents, and whether an entry is theirs at all, are a
-- range or a point of this table's primary key (plus one audit_entries primary-key lookup per
-- entry read), never a scan of the log. The appender writes it in the batch's one statement.
-- It replaces V4's subject_ref column and index on audit_entries: with that index the planner
-- could walk the log's primary key backwards instead, which is fast only while the subject's
-- entries happen to be recent. No foreign key: the rows are written in the same statement as
-- the entries they name, and a key check would slow every batch.
create table audit_subject_entries (
    subject_ref  text    not null,
    idx          bigint  not null,
    action       text    not null,               -- the entry's action, e.g. query.allowed
    primary key (subject_ref, idx)
);
insert into audit_subject_entries (subject_ref, idx, action)
    select subject_ref, idx, convert_from(entry, 'UTF8')::jsonb ->> 'action' from audit_entries
     where subject_ref is not null;
alter table audit_entries drop column subject_ref;   -- and with it V4's index audit_entries_by_subject

-- A citizen's dispute of one of their records (异议). At most one open dispute per record.
create table disputes (
    id                    uuid        primary key,
    subject_ref           text        not null references subjects (subject_ref),
    record_id             uuid        not null,
    record_kind           text        not null,
    reason                bytea       not null,   -- encrypted, bound to the dispute
    status                text        not null default 'OPEN',
    filed_at              timestamptz not null,
    due_by                timestamptz not null,
    filed_audit_index     bigint      not null,
    resolved_at           timestamptz null,
    resolved_by           text        null,       -- operator:<id>
    resolution_note       bytea       null,       -- encrypted, bound to the dispute
    resolved_audit_index  bigint      null,
    constraint disputes_status check (status in ('OPEN', 'CORRECTED', 'REJECTED')),
    constraint disputes_record_kind check (record_kind in ('ACCOUNT', 'PUBLIC_RECORD')),
    constraint disputes_resolution check ((status = 'OPEN') = (resolved_at is null)),
    constraint disputes_due check (due_by > filed_at)
);
create unique index disputes_one_open_per_record on disputes (record_id) where status = 'OPEN';
create index disputes_by_subject on disputes (subject_ref, filed_at desc);
create index disputes_by_status on disputes (status, due_by);

-- A citizen's statement (本人声明) on one of their records, shown to institutions at DETAIL.
create table record_statements (
    record_id    uuid        primary key,
    record_kind  text        not null,
    subject_ref  text        not null references subjects (subject_ref),
    statement    bytea       not null,            -- encrypted, bound to the record
    updated_at   timestamptz not null,
    constraint record_statements_record_kind check (record_kind in ('ACCOUNT', 'PUBLIC_RECORD'))
);
create index record_statements_by_subject on record_statements (subject_ref);

-- Every version of a record that a correction replaced: the ciphertext exactly as it was in
-- credit_accounts / public_records, so history is never rewritten, only added to.
create table record_history (
    record_id    uuid        not null,
    version      integer     not null,
    record_kind  text        not null,
    subject_ref  text        not null references subjects (subject_ref),
    payload      bytea       not null,
    valid_from   timestamptz not null,           -- when this version became current
    replaced_at  timestamptz not null,
    replaced_by  text        not null,           -- operator:<id>
    dispute_id   uuid        null references disputes (id),
    primary key (record_id, version),
    constraint record_history_record_kind check (record_kind in ('ACCOUNT', 'PUBLIC_RECORD'))
);
create index record_history_by_subject on record_history (subject_ref);
