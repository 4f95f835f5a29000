package org.consentgateway.repair;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.consentgateway.policy.InformationCategory;
import org.consentgateway.records.RepairOutcome;

/**
 * A row of {@code repairs} as Hibernate maps it; only {@link RepairStore} sees it. The evidence and
 * the decision note are the sealed bytes, never the text.
 */
@Entity
@Table(name = "repairs")
class RepairRow {

  @Id
  @Column(name = "id")
  UUID id;

  @Column(name = "subject_ref", nullable = false, updatable = false, columnDefinition = "text")
  String subjectRef;

  @Column(name = "record_id", nullable = false, updatable = false)
  UUID recordId;

  @Column(name = "provider", nullable = false, updatable = false, columnDefinition = "text")
  String provider;

  @Enumerated(EnumType.STRING)
  @Column(name = "category", nullable = false, updatable = false, columnDefinition = "text")
  InformationCategory category;

  @Enumerated(EnumType.STRING)
  @Column(name = "outcome", nullable = false, updatable = false, columnDefinition = "text")
  RepairOutcome outcome;

  @Column(name = "evidence", nullable = false, updatable = false)
  byte[] evidence;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, columnDefinition = "text")
  RepairStatus status;

  @Column(name = "applied_at", nullable = false, updatable = false)
  Instant appliedAt;

  @Column(name = "due_by", nullable = false, updatable = false)
  Instant dueBy;

  @Column(name = "applied_audit_index", nullable = false, updatable = false)
  long appliedAuditIndex;

  @Column(name = "decided_at")
  Instant decidedAt;

  @Column(name = "decided_by", columnDefinition = "text")
  String decidedBy;

  @Column(name = "decision_note")
  byte[] decisionNote;

  @Column(name = "decided_audit_index")
  Long decidedAuditIndex;

  /** For Hibernate. */
  RepairRow() {}

  /** An application as filed, pending. */
  RepairRow(Repair applied, byte[] sealedEvidence) {
    this.id = applied.id();
    this.subjectRef = applied.subjectRef();
    this.recordId = applied.recordId();
    this.provider = applied.provider();
    this.category = applied.category();
    this.outcome = applied.outcome();
    this.evidence = sealedEvidence;
    this.status = applied.status();
    this.appliedAt = applied.appliedAt();
    this.dueBy = applied.dueBy();
    this.appliedAuditIndex = applied.appliedAuditIndex();
  }

  /** Closes the application as {@code decided} says; written when the transaction flushes. */
  void decide(Repair decided, byte[] sealedNote) {
    this.status = decided.status();
    this.decidedAt = decided.decidedAt().orElseThrow();
    this.decidedBy = decided.decidedBy().orElseThrow();
    this.decisionNote = sealedNote;
    this.decidedAuditIndex = decided.decidedAuditIndex().orElseThrow();
  }
}
