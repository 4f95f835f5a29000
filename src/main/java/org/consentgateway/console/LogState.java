package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.consentgateway.audit.DatedCheckpoint;

/**
 * What the log page shows besides its script's check: the log's size, the latest checkpoint and
 * the one before it, the latest one's age in whole minutes, and the witnesses' health.
 *
 * @param witnesses every configured witness, in configuration order; empty when none is configured
 * @param quorum how many witnesses must cosign a checkpoint before it is public; 0 without witnesses
 * @param publicSize the size of the public checkpoint (the latest a quorum cosigned); empty when none has
 */
public record LogState(long size, Optional<DatedCheckpoint> latest, Optional<DatedCheckpoint> previous, long ageMinutes,
    List<WitnessState> witnesses, int quorum, Optional<Long> publicSize) {

  public LogState {
    requireNonNull(latest, "latest is null");
    requireNonNull(previous, "previous is null");
    witnesses = List.copyOf(witnesses);
    requireNonNull(publicSize, "publicSize is null");
  }
}
