-- A leaf's hash is stored once, with its entry (audit_entries.leaf_hash): V4 wrote it again as
-- level 0 of audit_tree_nodes, a second row and index entry for every entry appended, on the
-- appender's one serial transaction. Proofs, roots and tiles read the leaves from the entries
-- now (audit.StoredNodes), and the tree's table holds the nodes above them.
delete from audit_tree_nodes where level = 0;
alter table audit_tree_nodes drop constraint audit_tree_nodes_level_range;
alter table audit_tree_nodes add constraint audit_tree_nodes_level_range check (level between 1 and 62);
