package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** What an audit entry records (docs/design.md "The audit log"); {@link #wireName()} is its JSON form. */
public enum AuditAction {
  QUERY_ALLOWED("query.allowed"),
  QUERY_DENIED("query.denied"),
  CONSENT_REQUESTED("consent.requested"),
  CONSENT_APPROVED("consent.approved"),
  CONSENT_REJECTED("consent.rejected"),
  CONSENT_REVOKED("consent.revoked"),
  CONSENT_EXPIRED("consent.expired"),
  DISPUTE_FILED("dispute.filed"),
  DISPUTE_RESOLVED("dispute.resolved"),
  RECORD_CORRECTED("record.corrected"),
  AUDIT_READ("audit.read"),
  // Appended last: the order of values() is part of what tests index.
  CONSENT_PAUSED("consent.paused"),
  CONSENT_RESUMED("consent.resumed"),
  CONSENT_REQUEST_EXPIRED("consent.request.expired"),
  STATEMENT_ATTACHED("record.statement.attached"),
  STATEMENT_REMOVED("record.statement.removed"),
  DATA_EXPORTED("subject.exported"),
  // Credit repair (issue 17).
  REPAIR_APPLIED("repair.applied"),
  REPAIR_APPROVED("repair.approved"),
  REPAIR_REJECTED("repair.rejected"),
  REPAIR_WITHDRAWN("repair.withdrawn"),
  // Complaints (docs/citizen-rights.md "Complaints"); entries name who acted and the institution concerned, never text.
  COMPLAINT_FILED("complaint.filed"),
  COMPLAINT_ACKNOWLEDGED("complaint.acknowledged"),
  COMPLAINT_INFORMATION_REQUESTED("complaint.information_requested"),
  COMPLAINT_RESPONDED("complaint.responded"),
  COMPLAINT_RESOLVED("complaint.resolved");

  private final String wireName;

  AuditAction(String wireName) {
    this.wireName = wireName;
  }

  /** The name in the entry's JSON, e.g. {@code query.allowed}. */
  public String wireName() {
    return wireName;
  }

  public static Optional<AuditAction> fromWireName(String wireName) {
    requireNonNull(wireName, "wireName is null");
    for (AuditAction action : values()) {
      if (action.wireName.equals(wireName)) {
        return Optional.of(action);
      }
    }
    return Optional.empty();
  }
}
