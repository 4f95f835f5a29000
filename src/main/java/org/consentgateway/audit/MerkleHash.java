package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;

/** The RFC 6962 / RFC 9162 §2.1.1 hashing: domain-separated leaves and interior nodes. */
public final class MerkleHash {

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;
  private static final Sha256Hash EMPTY_ROOT = Sha256Hash.digest(new byte[0]);

  private MerkleHash() {}

  /** The root of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1). */
  public static Sha256Hash emptyRoot() {
    return EMPTY_ROOT;
  }

  /** SHA-256(0x00 || data) (RFC 9162 §2.1.1). */
  public static Sha256Hash leaf(byte[] data) {
    requireNonNull(data, "data is null");
    MessageDigest digest = Sha256Hash.newDigest();
    digest.update(LEAF_PREFIX);
    digest.update(data);
    return Sha256Hash.wrap(digest.digest());
  }

  /** SHA-256(0x01 || left || right) (RFC 9162 §2.1.1). */
  public static Sha256Hash node(Sha256Hash left, Sha256Hash right) {
    requireNonNull(left, "left is null");
    requireNonNull(right, "right is null");
    return Sha256Hash.wrap(node(left.raw(), right.raw()));
  }

  /** The same over raw arrays of any length, for verifying untrusted proofs. */
  static byte[] node(byte[] left, byte[] right) {
    MessageDigest digest = Sha256Hash.newDigest();
    digest.update(NODE_PREFIX);
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }
}
