package org.consentgateway.complaint;

/**
 * Where a complaint stands: FILED by the citizen, ACKNOWLEDGED by a regulator, then any number of
 * rounds of INFORMATION_REQUESTED (a question to the institution) and RESPONDED (its answer), and
 * finally RESOLVED (upheld or dismissed). Only RESOLVED is closed.
 */
public enum ComplaintStatus {
  FILED,
  ACKNOWLEDGED,
  INFORMATION_REQUESTED,
  RESPONDED,
  RESOLVED;

  /** Still to be handled by the regulator: counts against the deadline. */
  public boolean open() {
    return switch (this) {
      case FILED, ACKNOWLEDGED, INFORMATION_REQUESTED, RESPONDED -> true;
      case RESOLVED -> false;
    };
  }
}
