package org.consentgateway.repair;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * How a pending application closes: approved or rejected by its provider, or withdrawn by its
 * citizen ({@code actor}), at {@code at}, with a note (a rejection's reason) or none.
 */
record Decision(RepairStatus status, String actor, Instant at, Optional<String> note) {

  Decision {
    requireNonNull(status, "status is null");
    requireNonNull(actor, "actor is null");
    requireNonNull(at, "at is null");
    requireNonNull(note, "note is null");
    if (status == RepairStatus.PENDING) {
      throw new IllegalArgumentException("PENDING is no decision");
    }
  }
}
