/**
 * The tamper-evident audit log: every query, denial, consent event and regulator read, as one
 * append-only sequence that anyone can verify without trusting the gateway.
 *
 * <p>The core is pure: entries as RFC 8785 (JCS) canonical JSON, the hash chain, the RFC 6962 /
 * RFC 9162 Merkle tree (proof generation over stored complete subtrees, and verification), C2SP
 * checkpoints, Ed25519 signed notes and tlog-proof bundles. Proof generation is two-phase so
 * storage fetches everything a proof needs in one query: first which
 * {@link org.consentgateway.audit.TreeNode complete subtrees} are needed, then the proof from their
 * hashes.
 *
 * <p>On top of it: {@link org.consentgateway.audit.AuditLog} (the group-committing appender: a
 * bounded queue, one transaction per batch under the log head's row lock, a future per entry
 * completed only after COMMIT; an entry may bind a signed answer, {@link
 * org.consentgateway.audit.AnswerToBind}, whose signature base's hash it records), {@link
 * org.consentgateway.audit.AuditStore} (reads and proofs),
 * {@link org.consentgateway.audit.Checkpointer} (signs checkpoints when the log grows),
 * {@link org.consentgateway.audit.InquiryStore} (the entries about one subject),
 * {@link org.consentgateway.audit.SubjectProofs} (inclusion proofs of those entries only), and
 * {@link org.consentgateway.audit.LogVerifier} with its export source, and case files: {@link
 * org.consentgateway.audit.CaseFiles} (chosen entries with inclusion proofs against one signed
 * checkpoint, as a zip, audited as a regulator read) and {@link org.consentgateway.audit.CaseVerifier}
 * (checks one offline). Owns the {@code audit_*} tables.
 *
 * <p>Threading: the storage classes use the Vert.x PostgreSQL pool and never block; they are
 * thread-safe; {@link org.consentgateway.audit.CaseFiles} builds its zip on a worker. {@link
 * org.consentgateway.audit.AuditExport} blocks (command line only), and so does {@link
 * org.consentgateway.audit.CaseVerifier} (pure, bounded).
 * {@link org.consentgateway.audit.MemoryTree} and {@link org.consentgateway.audit.LogVerifier}
 * must be confined to one thread. Verifiers of untrusted input never throw on bad input: they
 * return a verdict that names what is wrong.
 */
package org.consentgateway.audit;
