package org.consentgateway.repair;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.policy.InformationCategory;
import org.consentgateway.records.RepairOutcome;

/**
 * One application to repair one public record. The evidence and the decision note are written by
 * people: they are stored sealed and never logged or audited.
 *
 * @param provider the operator that decides: the record's data provider when the citizen applied
 * @param outcome what an approval does, as the policy said when the citizen applied
 * @param decidedBy the operator that approved or rejected, or the citizen that withdrew
 * @param decisionNote an approval's optional note, a rejection's reason
 */
public record Repair(
    UUID id,
    String subjectRef,
    UUID recordId,
    String provider,
    InformationCategory category,
    RepairOutcome outcome,
    Evidence evidence,
    RepairStatus status,
    Instant appliedAt,
    Instant dueBy,
    long appliedAuditIndex,
    Optional<Instant> decidedAt,
    Optional<String> decidedBy,
    Optional<String> decisionNote,
    Optional<Long> decidedAuditIndex) {

  public Repair {
    requireNonNull(id, "id is null");
    requireNonNull(subjectRef, "subjectRef is null");
    requireNonNull(recordId, "recordId is null");
    requireNonNull(provider, "provider is null");
    requireNonNull(category, "category is null");
    requireNonNull(outcome, "outcome is null");
    requireNonNull(evidence, "evidence is null");
    requireNonNull(status, "status is null");
    requireNonNull(appliedAt, "appliedAt is null");
    requireNonNull(dueBy, "dueBy is null");
    requireNonNull(decidedAt, "decidedAt is null");
    requireNonNull(decidedBy, "decidedBy is null");
    requireNonNull(decisionNote, "decisionNote is null");
    requireNonNull(decidedAuditIndex, "decidedAuditIndex is null");
  }

  /** Pending past its due date at {@code now}. */
  public boolean overdue(Instant now) {
    return switch (status) {
      case PENDING -> now.isAfter(dueBy);
      case APPROVED, REJECTED, WITHDRAWN -> false;
    };
  }

  /** The application as {@code decision} closes it, the decision's entry at {@code auditIndex}. */
  Repair decided(Decision decision, long auditIndex) {
    return new Repair(id, subjectRef, recordId, provider, category, outcome, evidence, decision.status(), appliedAt, dueBy,
        appliedAuditIndex, Optional.of(decision.at()), Optional.of(decision.actor()), decision.note(), Optional.of(auditIndex));
  }

  @Override
  public String toString() {
    return "Repair[" + id + ", " + category + " " + recordId + ", " + status + "]";
  }
}
