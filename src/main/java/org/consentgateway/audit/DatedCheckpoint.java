package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A published checkpoint with when it was published: the console shows its age. */
public record DatedCheckpoint(StoredCheckpoint checkpoint, Instant publishedAt) {

  public DatedCheckpoint {
    requireNonNull(checkpoint, "checkpoint is null");
    requireNonNull(publishedAt, "publishedAt is null");
  }
}
