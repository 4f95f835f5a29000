package org.consentgateway.dispute;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.records.RecordKind;

/**
 * One dispute of one record. {@code reason} and {@code resolutionNote} are free text written by
 * people and may name people: they are stored encrypted and never logged or audited.
 */
public record Dispute(
    UUID id,
    String subjectRef,
    UUID recordId,
    RecordKind recordKind,
    String reason,
    DisputeStatus status,
    Instant filedAt,
    Instant dueBy,
    long filedAuditIndex,
    Optional<Instant> resolvedAt,
    Optional<String> resolvedBy,
    Optional<String> resolutionNote,
    Optional<Long> resolvedAuditIndex) {

  public Dispute {
    requireNonNull(id, "id is null");
    requireNonNull(subjectRef, "subjectRef is null");
    requireNonNull(recordId, "recordId is null");
    requireNonNull(recordKind, "recordKind is null");
    requireNonNull(reason, "reason is null");
    requireNonNull(status, "status is null");
    requireNonNull(filedAt, "filedAt is null");
    requireNonNull(dueBy, "dueBy is null");
    requireNonNull(resolvedAt, "resolvedAt is null");
    requireNonNull(resolvedBy, "resolvedBy is null");
    requireNonNull(resolutionNote, "resolutionNote is null");
    requireNonNull(resolvedAuditIndex, "resolvedAuditIndex is null");
  }

  /** Open past its deadline at {@code now}. */
  public boolean overdue(Instant now) {
    return switch (status) {
      case OPEN -> now.isAfter(dueBy);
      case CORRECTED, REJECTED -> false;
    };
  }

  @Override
  public String toString() {
    return "Dispute[" + id + ", " + recordKind + " " + recordId + ", " + status + "]";
  }
}
