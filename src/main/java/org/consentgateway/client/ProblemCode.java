package org.consentgateway.client;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The stable problem {@code code}s of the gateway's API (docs/api.md "Error codes"), copied here so
 * the library needs nothing of the server. A code this list does not know yet arrives as
 * {@link GatewayProblemException.UnknownProblem}.
 */
public enum ProblemCode {
  INVALID_REQUEST,
  UNAUTHENTICATED,
  FORBIDDEN,
  CONSENT_INVALID,
  CONSENT_EXPIRED,
  CONSENT_REVOKED,
  CONSENT_EXHAUSTED,
  CONSENT_NOT_YOURS,
  PURPOSE_MISMATCH,
  GRADE_EXCEEDS_CONSENT,
  PURPOSE_NOT_PERMITTED,
  NOT_FOUND,
  METHOD_NOT_ALLOWED,
  REQUEST_TIMEOUT,
  CONFLICT,
  COMPLAINT_OPEN,
  COMPLAINT_STATUS,
  PAYLOAD_TOO_LARGE,
  URI_TOO_LONG,
  UNSUPPORTED_MEDIA_TYPE,
  EXPECTATION_FAILED,
  RATE_LIMITED,
  HEADER_FIELDS_TOO_LARGE,
  INTERNAL_ERROR,
  UNAVAILABLE,
  REPAIR_NOT_ALLOWED,
  REPAIR_TOO_EARLY,
  REPAIR_NOT_PENDING;

  /** The snake_case code as the problem JSON carries it, e.g. {@code consent_revoked}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ProblemCode> fromWireName(String code) {
    return Arrays.stream(values()).filter(known -> known.wireName().equals(code)).findFirst();
  }
}
