package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A consent token that verified (docs/consents.md "The consent token"): signed by the gateway,
 * issued to this institution, within its period. It proves who consented to what; whether the
 * consent is still live is the gateway's to say at query time.
 *
 * @param token the compact JWS, to present with a query
 * @param consentId its {@code jti}
 * @param subjectRef the citizen's pseudonym ({@code sub}), never an ID number
 */
public record ConsentToken(String token, String consentId, String subjectRef, String purpose, String grade,
    Instant notBefore, Instant expiresAt, long maxUses) {

  public ConsentToken {
    requireNonNull(token, "token is null");
    requireNonNull(consentId, "consentId is null");
    requireNonNull(subjectRef, "subjectRef is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(grade, "grade is null");
    requireNonNull(notBefore, "notBefore is null");
    requireNonNull(expiresAt, "expiresAt is null");
  }

  @Override
  public String toString() {
    // The token is a bearer credential for this institution: kept out of logs.
    return "ConsentToken[consentId=" + consentId + ", purpose=" + purpose + ", grade=" + grade + ", expiresAt=" + expiresAt + "]";
  }
}
