package org.consentgateway.query;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.consentgateway.error.ErrorCode;

/**
 * A query refused with {@code code}, carrying what was known of the consent when it was refused
 * (the subjectRef and consent id of a verified token), so the denial can be audited.
 */
final class QueryRefusal extends RuntimeException {

  private final ErrorCode code;
  private final transient ConsentClaims known;

  /** Refused before the token was verified: nothing is known of the consent. */
  QueryRefusal(ErrorCode code, String detail) {
    super(detail, null, false, false);
    this.code = requireNonNull(code, "code is null");
    this.known = null;
  }

  /** Refused with the verified token's claims known. */
  QueryRefusal(ErrorCode code, String detail, ConsentClaims known) {
    super(detail, null, false, false);
    this.code = requireNonNull(code, "code is null");
    this.known = requireNonNull(known, "known is null");
  }

  ErrorCode code() {
    return code;
  }

  String detail() {
    return getMessage();
  }

  Optional<ConsentClaims> known() {
    return Optional.ofNullable(known);
  }
}
