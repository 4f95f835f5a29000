package org.consentgateway.complaint;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code complaints} as Hibernate maps it; only {@link ComplaintStore} sees it. The free
 * text columns hold the sealed bytes, never the text.
 */
@Entity
@Table(name = "complaints")
class ComplaintRow {

  @Id
  @Column(name = "id")
  UUID id;

  @Column(name = "subject_ref", nullable = false, updatable = false, columnDefinition = "text")
  String subjectRef;

  @Column(name = "institution_uscc", nullable = false, updatable = false, columnDefinition = "text")
  String institutionUscc;

  @Column(name = "audit_index", nullable = false, updatable = false)
  long auditIndex;

  @Enumerated(EnumType.STRING)
  @Column(name = "reason", nullable = false, updatable = false, columnDefinition = "text")
  ComplaintReason reason;

  @Column(name = "text", nullable = false, updatable = false)
  byte[] text;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, columnDefinition = "text")
  ComplaintStatus status;

  @Column(name = "filed_at", nullable = false, updatable = false)
  Instant filedAt;

  @Column(name = "due_by", nullable = false, updatable = false)
  Instant dueBy;

  @Column(name = "leaf_input", nullable = false, updatable = false)
  byte[] leafInput;

  @Column(name = "checkpoint_size", nullable = false, updatable = false)
  long checkpointSize;

  @Column(name = "checkpoint_note", nullable = false, updatable = false, columnDefinition = "text")
  String checkpointNote;

  @Column(name = "inclusion_proof", nullable = false, updatable = false)
  byte[] inclusionProof;

  @Column(name = "acknowledged_at")
  Instant acknowledgedAt;

  @Column(name = "question")
  byte[] question;

  @Column(name = "question_at")
  Instant questionAt;

  @Column(name = "response")
  byte[] response;

  @Column(name = "responded_at")
  Instant respondedAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "outcome", columnDefinition = "text")
  ComplaintOutcome outcome;

  @Column(name = "resolution_note")
  byte[] resolutionNote;

  @Column(name = "resolved_at")
  Instant resolvedAt;

  /** For Hibernate. */
  ComplaintRow() {}
}
