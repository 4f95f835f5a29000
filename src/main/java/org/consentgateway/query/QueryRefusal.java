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

  QueryRefusal(ErrorCode code, String detail, Optional<ConsentClaims> known) {
    super(detail, null, false, false);
    this.code = requireNonNull(code, "code is null");
    this.known = requireNonNull(known, "known is null").orElse(null);
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
