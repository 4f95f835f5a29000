-- Complaints (issue 17, 投诉办理): a citizen complains about a query in their inquiry history; a
-- regulator handles it within the deadline. Owned by the complaint capability.
--
-- A complaint keeps its evidence as it was when filed: the entry's canonical bytes, its inclusion
-- proof (32-byte hashes, concatenated) and the signed checkpoint it is against. The citizen's text,
-- the regulator's question and note and the institution's response are sealed (AES-256-GCM, bound
-- to the complaint); nothing else here is free text.
create table complaints (
    id                 uuid        primary key,
    subject_ref        text        not null,
    institution_uscc   text        not null,
    audit_index        bigint      not null,
    reason             text        not null,
    text               bytea       not null,
    status             text        not null,
    filed_at           timestamptz not null,
    due_by             timestamptz not null,
    leaf_input         bytea       not null,
    checkpoint_size    bigint      not null,
    checkpoint_note    text        not null,
    inclusion_proof    bytea       not null,
    acknowledged_at    timestamptz null,
    question           bytea       null,
    question_at        timestamptz null,
    response           bytea       null,
    responded_at       timestamptz null,
    outcome            text        null,
    resolution_note    bytea       null,
    resolved_at        timestamptz null,
    constraint complaints_reason check (reason in ('NOT_AUTHORISED', 'BEYOND_PURPOSE', 'BEYOND_GRADE', 'OTHER')),
    constraint complaints_status check (status in ('FILED', 'ACKNOWLEDGED', 'INFORMATION_REQUESTED', 'RESPONDED', 'RESOLVED')),
    constraint complaints_outcome check ((status = 'RESOLVED') = (outcome is not null)
        and (outcome is null or outcome in ('UPHELD', 'DISMISSED'))),
    constraint complaints_proof_is_hashes check (length(inclusion_proof) % 32 = 0),
    constraint complaints_checkpoint_covers_entry check (audit_index >= 0 and audit_index < checkpoint_size)
);
-- One open complaint per entry: the second filing fails on this even when two race.
create unique index complaints_one_open_per_entry on complaints (audit_index) where status <> 'RESOLVED';
create index complaints_by_subject on complaints (subject_ref, filed_at desc);
create index complaints_by_institution on complaints (institution_uscc, due_by);
create index complaints_open_by_due on complaints (due_by) where status <> 'RESOLVED';
