package org.consentgateway.consent;

/** Where a granted consent stands. Only {@code ACTIVE} admits a query. */
public enum ConsentStatus {
  ACTIVE,
  /** Suspended by the citizen; {@code resume} makes it ACTIVE again. */
  PAUSED,
  /** Withdrawn by the citizen; final. */
  REVOKED,
  /** Past its validity; final. */
  EXPIRED,
  /** No uses left; final. */
  EXHAUSTED;

  /** Whether the consent can still come back to life (pause, resume, revoke apply only then). */
  public boolean live() {
    return switch (this) {
      case ACTIVE, PAUSED -> true;
      case REVOKED, EXPIRED, EXHAUSTED -> false;
    };
  }
}
