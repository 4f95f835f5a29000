package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.consentgateway.audit.DatedCheckpoint;

/**
 * What the log page shows besides its script's check: the log's size, the latest checkpoint and
 * the one before it, and the latest one's age in whole minutes.
 */
public record LogState(long size, Optional<DatedCheckpoint> latest, Optional<DatedCheckpoint> previous, long ageMinutes) {

  public LogState {
    requireNonNull(latest, "latest is null");
    requireNonNull(previous, "previous is null");
  }
}
