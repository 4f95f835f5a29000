package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * How far one witness has cosigned this log, as the gateway has stored it: the largest checkpoint
 * size it cosigned and when that cosignature was received.
 */
public record WitnessProgress(String witness, long size, Instant cosignedAt) {

  public WitnessProgress {
    requireNonNull(witness, "witness is null");
    requireNonNull(cosignedAt, "cosignedAt is null");
  }
}
