package org.consentgateway.consent;

/** Where a consent request stands: it waits for the citizen, who answers, or it runs out of time. */
public enum RequestStatus {
  PENDING,
  APPROVED,
  REJECTED,
  /** Unanswered past its answer window; final. */
  EXPIRED;

  /** Whether the citizen may still answer: only a request waiting for them; any other status refuses. */
  public boolean awaitsAnswer() {
    return switch (this) {
      case PENDING -> true;
      case APPROVED, REJECTED, EXPIRED -> false;
    };
  }
}
