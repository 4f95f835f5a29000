package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.consentgateway.dispute.Dispute;
import org.consentgateway.records.RecordKind;
import org.consentgateway.web.Labels;

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

  /** {@code dispute}, overdue at {@code now}: the calendar days from its due date to today, as the page shows both dates. */
  static OverdueDisputeRow of(Dispute dispute, Instant now) {
    long days = ChronoUnit.DAYS.between(LocalDate.ofInstant(dispute.dueBy(), Labels.ZONE), LocalDate.ofInstant(now, Labels.ZONE));
    return new OverdueDisputeRow(dispute.id(), dispute.recordKind(), dispute.filedAt(), dispute.dueBy(), days);
  }
}
