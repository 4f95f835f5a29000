package org.consentgateway.consent;

/** Where a consent request stands: it waits for the citizen, who answers, or it runs out of time. */
public enum RequestStatus {
  PENDING,
  APPROVED,
  REJECTED,
  /** Unanswered past its answer window; final. */
  EXPIRED
}
