package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One configured witness as the log page shows it: the largest checkpoint it has cosigned, when,
 * and how many entries the latest signed checkpoint is ahead of it.
 *
 * @param cosignedSize 0 when it has cosigned nothing yet
 * @param cosignedAt when the gateway received that cosignature; empty when there is none
 * @param behind the latest checkpoint's size minus {@code cosignedSize}, never negative
 */
public record WitnessState(String name, String url, long cosignedSize, Optional<Instant> cosignedAt, long ageMinutes, long behind) {

  public WitnessState {
    requireNonNull(name, "name is null");
    requireNonNull(url, "url is null");
    requireNonNull(cosignedAt, "cosignedAt is null");
  }

  /** The state's message key: cosigned the latest checkpoint, behind it, or never cosigned. */
  public String statusKey() {
    if (cosignedAt.isEmpty()) {
      return "console.witness.never";
    }
    return behind == 0 ? "console.witness.current" : "console.witness.behind";
  }
}
