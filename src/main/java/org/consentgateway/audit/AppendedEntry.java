package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A committed audit entry, as {@link AuditLog#append} reports it: its index and its leaf and chain
 * hashes (what a response may cite so the caller can later ask for an inclusion proof), and the
 * answer it binds when it was appended with one ({@link AuditLog#append(AuditEvent, AnswerToBind)}).
 */
public record AppendedEntry(long index, Sha256Hash leafHash, Sha256Hash chainHash, Optional<BoundAnswer> answer) {

  public AppendedEntry {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative, got " + index);
    }
    requireNonNull(leafHash, "leafHash is null");
    requireNonNull(chainHash, "chainHash is null");
    requireNonNull(answer, "answer is null");
  }

  /** An entry that binds no answer. */
  public AppendedEntry(long index, Sha256Hash leafHash, Sha256Hash chainHash) {
    this(index, leafHash, chainHash, Optional.empty());
  }
}
