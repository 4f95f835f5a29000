package org.consentgateway.audit;

/** How the recorded event ended; the JSON form is the constant's name. */
public enum AuditOutcome {
  /** A read was allowed and data was disclosed. */
  ALLOWED,
  /** A request was refused; the entry carries the reason code and discloses nothing. */
  DENIED,
  /** An event that is neither a grant nor a refusal (a consent approved, a dispute filed). */
  RECORDED
}
