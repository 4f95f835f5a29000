package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * An entry as stored: its index, the exact bytes that were hashed ({@code leafInput}, the entry's
 * canonical JSON) and the leaf and chain hashes stored beside them. Read from the database as is,
 * so a verifier must recompute the hashes rather than trust them. The bytes are copied in and out.
 */
public record StoredEntry(long index, byte[] leafInput, Sha256Hash leafHash, Sha256Hash chainHash) {

  public StoredEntry {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative, got " + index);
    }
    leafInput = requireNonNull(leafInput, "leafInput is null").clone();
    requireNonNull(leafHash, "leafHash is null");
    requireNonNull(chainHash, "chainHash is null");
  }

  /** A fresh copy of the stored entry bytes. */
  @Override
  public byte[] leafInput() {
    return leafInput.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredEntry other
        && index == other.index
        && Arrays.equals(leafInput, other.leafInput)
        && leafHash.equals(other.leafHash)
        && chainHash.equals(other.chainHash);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(index) * 31 + Arrays.hashCode(leafInput);
  }

  @Override
  public String toString() {
    return "StoredEntry[index=" + index + ", " + leafInput.length + " bytes, leafHash=" + leafHash + "]";
  }
}
