package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

/**
 * A committed audit entry, as {@link AuditLog#append} reports it: its index and its leaf and chain
 * hashes (what a response may cite so the caller can later ask for an inclusion proof).
 */
public record AppendedEntry(long index, Sha256Hash leafHash, Sha256Hash chainHash) {

  public AppendedEntry {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative, got " + index);
    }
    requireNonNull(leafHash, "leafHash is null");
    requireNonNull(chainHash, "chainHash is null");
  }
}
