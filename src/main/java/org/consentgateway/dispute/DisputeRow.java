package org.consentgateway.dispute;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.consentgateway.records.RecordKind;

/**
 * A row of {@code disputes} as Hibernate maps it; only {@link DisputeStore} sees it. The reason and
 * the resolution note are the sealed bytes, never the text.
 */
@Entity
@Table(name = "disputes")
class DisputeRow {

  @Id
  @Column(name = "id")
  UUID id;

  @Column(name = "subject_ref", nullable = false, updatable = false, columnDefinition = "text")
  String subjectRef;

  @Column(name = "record_id", nullable = false, updatable = false)
  UUID recordId;

  @Enumerated(EnumType.STRING)
  @Column(name = "record_kind", nullable = false, updatable = false, columnDefinition = "text")
  RecordKind recordKind;

  @Column(name = "reason", nullable = false, updatable = false)
  byte[] reason;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, columnDefinition = "text")
  DisputeStatus status;

  @Column(name = "filed_at", nullable = false, updatable = false)
  Instant filedAt;

  @Column(name = "due_by", nullable = false, updatable = false)
  Instant dueBy;

  @Column(name = "filed_audit_index", nullable = false, updatable = false)
  long filedAuditIndex;

  @Column(name = "resolved_at")
  Instant resolvedAt;

  @Column(name = "resolved_by", columnDefinition = "text")
  String resolvedBy;

  @Column(name = "resolution_note")
  byte[] resolutionNote;

  @Column(name = "resolved_audit_index")
  Long resolvedAuditIndex;

  /** For Hibernate. */
  DisputeRow() {}

  /** A dispute as filed, still open. */
  DisputeRow(Dispute filed, byte[] sealedReason) {
    this.id = filed.id();
    this.subjectRef = filed.subjectRef();
    this.recordId = filed.recordId();
    this.recordKind = filed.recordKind();
    this.reason = sealedReason;
    this.status = filed.status();
    this.filedAt = filed.filedAt();
    this.dueBy = filed.dueBy();
    this.filedAuditIndex = filed.filedAuditIndex();
  }

  /** Closes the dispute as {@code resolved} says; written when the transaction commits. */
  void resolve(Dispute resolved, byte[] sealedNote) {
    this.status = resolved.status();
    this.resolvedAt = resolved.resolvedAt().orElseThrow();
    this.resolvedBy = resolved.resolvedBy().orElseThrow();
    this.resolutionNote = sealedNote;
    this.resolvedAuditIndex = resolved.resolvedAuditIndex().orElseThrow();
  }
}
