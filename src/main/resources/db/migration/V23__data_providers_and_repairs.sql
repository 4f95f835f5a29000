-- Issue 17: who determined each record (its data provider) and credit repair (信用修复).

-- The data provider of each record: the registered operator that imported or last corrected it
-- (an operator id, operators.id's shape). Rows imported before this migration knew no operator:
-- they get 'bureau', the documented default of `gateway records import --operator`. No foreign
-- key: a provider's registration may be removed while its records stay.
alter table credit_accounts add column provider text not null default 'bureau'
    constraint credit_accounts_provider_shape check (provider ~ '^[a-z0-9][a-z0-9._-]{2,63}$');
alter table public_records add column provider text not null default 'bureau'
    constraint public_records_provider_shape check (provider ~ '^[a-z0-9][a-z0-9._-]{2,63}$');

-- A public record's approved repair: from repaired_at on, institutions no longer see it (HIDDEN)
-- or see it marked repaired (ANNOTATED); the citizen's own report shows it with its repair.
alter table public_records
    add column repaired_at    timestamptz null,
    add column repair_outcome text        null,
    add constraint public_records_repair check ((repaired_at is null) = (repair_outcome is null)),
    add constraint public_records_repair_outcome check (repair_outcome in ('HIDDEN', 'ANNOTATED'));

-- The version a repair replaced names the repair in the record's history.
alter table record_history add column repair_id uuid null;

-- A citizen's application to repair one of their public records, decided by its provider.
-- At most one pending application per record.
create table repairs (
    id                    uuid        primary key,
    subject_ref           text        not null references subjects (subject_ref),
    record_id             uuid        not null references public_records (id),
    provider              text        not null,   -- the operator that decides, the record's provider when applied
    category              text        not null,   -- the record's information category, e.g. TAX_ARREARS
    outcome               text        not null,   -- what an approval does, per the policy when applied
    evidence              bytea       not null,   -- encrypted JSON (text and attachments), bound to the repair
    status                text        not null default 'PENDING',
    applied_at            timestamptz not null,
    due_by                timestamptz not null,
    applied_audit_index   bigint      not null,
    decided_at            timestamptz null,
    decided_by            text        null,       -- operator:<id>, or citizen:<ref> for a withdrawal
    decision_note         bytea       null,       -- encrypted, bound to the repair; a rejection's reason
    decided_audit_index   bigint      null,
    constraint repairs_status check (status in ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN')),
    constraint repairs_outcome check (outcome in ('HIDDEN', 'ANNOTATED')),
    constraint repairs_decision check ((status = 'PENDING') = (decided_at is null)),
    constraint repairs_due check (due_by > applied_at)
);
create unique index repairs_one_pending_per_record on repairs (record_id) where status = 'PENDING';
create index repairs_by_subject on repairs (subject_ref, applied_at desc);
create index repairs_by_provider on repairs (provider, status, due_by);
create index repairs_pending_due on repairs (due_by) where status = 'PENDING';
