package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.consentgateway.dispute.Dispute;
import org.consentgateway.records.RecordKind;

/**
 * A dispute past its deadline as the console lists it: no person in it (no subject, no record id,
 * no reason — free text that may name someone), only what a supervisor needs to chase it.
 */
public record OverdueDisputeRow(UUID id, RecordKind recordKind, Instant filedAt, Instant dueBy, long daysOverdue) {

  public OverdueDisputeRow {
    requireNonNull(id, "id is null");
    requireNonNull(recordKind, "recordKind is null");
    requireNonNull(filedAt, "filedAt is null");
    requireNonNull(dueBy, "dueBy is null");
  }

  /** {@code dispute}, overdue at {@code now}: whole days past its deadline, at least 1 once past it. */
  static OverdueDisputeRow of(Dispute dispute, Instant now) {
    long days = Math.max(1, Duration.between(dispute.dueBy(), now).toDays() + 1);
    return new OverdueDisputeRow(dispute.id(), dispute.recordKind(), dispute.filedAt(), dispute.dueBy(), days);
  }
}
