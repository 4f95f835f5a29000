/**
 * The tamper-evident audit log's pure core: audit entries as RFC 8785 (JCS) canonical JSON, the
 * hash chain, the RFC 6962 / RFC 9162 Merkle tree (proof generation over stored complete
 * subtrees, and proof verification), C2SP checkpoints, Ed25519 signed notes and tlog-proof
 * bundles.
 *
 * <p>Nothing here touches a database, the network or a clock: storage and the group-committing
 * appender are built on top of this package. Proof generation is two-phase so storage can fetch
 * everything a proof needs in one query: first ask which {@link org.consentgateway.audit.TreeNode
 * complete subtrees} are needed ({@link org.consentgateway.audit.MerkleProofs#nodesForInclusion}),
 * then compute the proof from their hashes ({@link org.consentgateway.audit.NodeHashes}).
 *
 * <p>Everything is pure, never blocks and costs microseconds. Values are immutable and all types
 * are thread-safe, except {@link org.consentgateway.audit.MemoryTree}, a growable in-memory tree
 * for tests and the offline verifier, which must be confined to one thread. Verifiers of
 * untrusted input ({@link org.consentgateway.audit.MerkleVerifier},
 * {@link org.consentgateway.audit.SignedNote#verify}) never throw on bad input: they return a
 * {@link org.consentgateway.audit.Verdict} that names what is wrong. Parsers throw
 * {@link org.consentgateway.audit.AuditFormatException}.
 */
package org.consentgateway.audit;
