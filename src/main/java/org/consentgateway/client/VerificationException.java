package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

/** Something the gateway sent does not verify; {@link #failure()} says which check refused it. */
public final class VerificationException extends ConsentGatewayException {

  private static final long serialVersionUID = 1L;

  private final VerificationFailure failure;

  VerificationException(VerificationFailure failure, String message) {
    this(failure, message, null);
  }

  VerificationException(VerificationFailure failure, String message, Throwable cause) {
    super(requireNonNull(failure, "failure is null").name().toLowerCase(java.util.Locale.ROOT) + ": " + message, cause);
    this.failure = failure;
  }

  public VerificationFailure failure() {
    return failure;
  }
}
