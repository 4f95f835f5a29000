package org.consentgateway.audit;

/**
 * The leaf hash of an audit entry, {@code leaf_n = SHA-256(0x00 || entry_n)} over the entry's exact
 * canonical bytes: the same value is the Merkle tree leaf and the input of the hash chain.
 */
public final class LeafHash {

  private LeafHash() {}

  /** SHA-256(0x00 || entryBytes) (RFC 9162 §2.1.1). */
  public static Sha256Hash of(byte[] entryBytes) {
    return MerkleHash.leaf(entryBytes);
  }

  /** The leaf hash of {@code entry}'s canonical JSON. */
  public static Sha256Hash of(AuditEntry entry) {
    return of(entry.toCanonicalJson());
  }
}
