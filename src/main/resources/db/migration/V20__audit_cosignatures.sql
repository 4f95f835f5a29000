-- Witnesses' cosignatures of the audit log's checkpoints (package audit; C2SP tlog-witness and
-- tlog-cosignature). One row per checkpoint and witness: the signature line the witness answered,
-- verified against the witness's configured key before it is stored. GET /v1/audit/checkpoint
-- serves the largest checkpoint with a quorum of them, its lines appended to the log's signature.
create table audit_cosignatures (
    size         bigint      not null references audit_checkpoints (size),
    witness      text        not null,
    line         text        not null,
    cosigned_at  timestamptz not null,
    primary key (size, witness),
    constraint audit_cosignatures_one_line check (line like '— % %' and position(E'\n' in line) = 0)
);
-- What each witness cosigned last: where the next request starts from.
create index audit_cosignatures_by_witness on audit_cosignatures (witness, size desc);
