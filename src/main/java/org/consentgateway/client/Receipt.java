package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A consent receipt that verified ({@code typ} {@code consent-receipt+jwt}): the gateway's signed
 * statement that the citizen {@code action} ({@code approved}, {@code revoked}) the consent.
 */
public record Receipt(String consentId, String institution, String action, String purpose, String grade,
    Instant issuedAt, Instant expiresAt) {

  public Receipt {
    requireNonNull(consentId, "consentId is null");
    requireNonNull(institution, "institution is null");
    requireNonNull(action, "action is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(grade, "grade is null");
    requireNonNull(issuedAt, "issuedAt is null");
    requireNonNull(expiresAt, "expiresAt is null");
  }
}
