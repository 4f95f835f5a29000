-- The tamper-evident audit log (DESIGN.md "Audit log"). Appends are group-committed by
-- audit.AuditLog: one transaction per batch takes audit_head FOR UPDATE, so every gateway
-- instance on this database extends one gap-free, fork-free sequence.

-- One row per entry. entry holds the exact RFC 8785 canonical bytes that were hashed (the
-- regulator API's leafInput); leaf_hash = SHA-256(0x00 || entry), chain_hash = SHA-256(previous
-- chain_hash || leaf_hash). Both hashes are stored so a reader never recomputes a prefix.
create table audit_entries (
    idx          bigint      primary key,
    entry        bytea       not null,
    leaf_hash    bytea       not null,
    chain_hash   bytea       not null,
    subject_ref  text        null,               -- copied from the entry, for the citizen's history
    recorded_at  timestamptz not null default now(),
    constraint audit_entries_idx_range check (idx >= 0 and idx <= 9007199254740991),  -- 2^53 - 1, an exact JSON number
    constraint audit_entries_leaf_hash_size check (octet_length(leaf_hash) = 32),
    constraint audit_entries_chain_hash_size check (octet_length(chain_hash) = 32)
);
create index audit_entries_by_subject on audit_entries (subject_ref, idx desc) where subject_ref is not null;

-- The hash of every complete, aligned subtree of the RFC 9162 Merkle tree: node (level, idx)
-- covers leaves [idx * 2^level, (idx + 1) * 2^level); level 0 holds the leaf hashes. Such a hash
-- never changes once written, and any root or proof needs at most about two of them per level.
create table audit_tree_nodes (
    level        integer     not null,
    idx          bigint      not null,
    hash         bytea       not null,
    primary key (level, idx),
    constraint audit_tree_nodes_level_range check (level between 0 and 62),
    constraint audit_tree_nodes_idx_range check (idx >= 0),
    constraint audit_tree_nodes_hash_size check (octet_length(hash) = 32)
);

-- The head of the log: its size and the chain hash of its last entry. Its single row is the lock
-- that serialises appenders across processes.
create table audit_head (
    id           integer     primary key,
    size         bigint      not null,
    chain_hash   bytea       not null,
    constraint audit_head_single_row check (id = 1),
    constraint audit_head_size_range check (size >= 0),
    constraint audit_head_chain_hash_size check (octet_length(chain_hash) = 32)
);
-- chain_{-1} = 32 zero bytes: the prev of entry 0.
insert into audit_head (id, size, chain_hash) values (1, 0, decode(repeat('00', 32), 'hex'));

-- Every published checkpoint (C2SP tlog-checkpoint signed as a C2SP signed-note), kept forever so
-- a verifier can check the consistency of each pair of successive ones.
create table audit_checkpoints (
    size         bigint      primary key,
    root_hash    bytea       not null,
    note         text        not null,
    created_at   timestamptz not null default now(),
    constraint audit_checkpoints_size_range check (size > 0),
    constraint audit_checkpoints_root_hash_size check (octet_length(root_hash) = 32)
);
