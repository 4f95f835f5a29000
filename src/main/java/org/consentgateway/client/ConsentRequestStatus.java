package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * A consent request as the gateway holds it now (docs/api.md "A consent request").
 *
 * @param status {@code PENDING}, {@code APPROVED}, {@code REJECTED} or {@code EXPIRED}
 * @param consentUrl where to send the citizen's browser, for a request made with a redirect URI
 * @param consentToken once {@code APPROVED}: the consent token, already verified
 */
public record ConsentRequestStatus(String id, String status, String purpose, String grade, Optional<String> consentUrl,
    Optional<String> consentId, Optional<ConsentToken> consentToken) {

  public ConsentRequestStatus {
    requireNonNull(id, "id is null");
    requireNonNull(status, "status is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(grade, "grade is null");
    requireNonNull(consentUrl, "consentUrl is null");
    requireNonNull(consentId, "consentId is null");
    requireNonNull(consentToken, "consentToken is null");
  }

  public boolean pending() {
    return "PENDING".equals(status);
  }

  /** The request as the gateway answered it, without its consent token (verified apart, {@link #withConsentToken}). */
  static ConsentRequestStatus parse(Map<String, Object> json) {
    String what = "the consent request";
    return new ConsentRequestStatus(Json.string(json, "id", what), Json.string(json, "status", what), Json.string(json, "purpose", what),
        Json.string(json, "grade", what), Json.optionalString(json, "consentUrl", what), Json.optionalString(json, "consentId", what),
        Optional.empty());
  }

  ConsentRequestStatus withConsentToken(ConsentToken verified) {
    return new ConsentRequestStatus(id, status, purpose, grade, consentUrl, consentId, Optional.of(verified));
  }
}
