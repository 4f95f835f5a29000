package org.consentgateway.records;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A public record's approved repair: when it took effect and what it does (see {@link RepairOutcome}). */
public record RecordRepair(Instant repairedAt, RepairOutcome outcome) {

  public RecordRepair {
    requireNonNull(repairedAt, "repairedAt is null");
    requireNonNull(outcome, "outcome is null");
  }

  /** Whether institutions still see the record, marked. */
  public boolean shownToInstitutions() {
    return switch (outcome) {
      case HIDDEN -> false;
      case ANNOTATED -> true;
    };
  }
}
