package org.consentgateway.web;

/** Why a sign-in did not happen; each reason has its own page text, in both languages. */
enum SignInRefusal {
  /** No sign-in under way in this browser matches the callback: forged, replayed, expired, or another browser's. */
  FLOW(400),
  /** The identity provider answered with an error (the citizen cancelled, or it refused). */
  CANCELLED(400),
  /** The identity provider would not redeem the authorization code. */
  TOKEN_REQUEST(400),
  /** The ID token did not verify: signature, issuer, audience, nonce. */
  ID_TOKEN(400),
  /** The ID token had expired. */
  EXPIRED(400),
  /** The ID token named no valid resident ID number. */
  ID_NUMBER(400),
  /** The identity provider could not be reached. */
  UNREACHABLE(502);

  private final int status;

  SignInRefusal(int status) {
    this.status = status;
  }

  int status() {
    return status;
  }

  String messageKey() {
    return switch (this) {
      case FLOW -> "signin.refused.flow";
      case CANCELLED -> "signin.refused.cancelled";
      case TOKEN_REQUEST -> "signin.refused.token-request";
      case ID_TOKEN -> "signin.refused.id-token";
      case EXPIRED -> "signin.refused.expired";
      case ID_NUMBER -> "signin.refused.id-number";
      case UNREACHABLE -> "signin.refused.unreachable";
    };
  }
}
