package org.consentgateway.error;

import static java.util.Objects.requireNonNull;

/**
 * A request that ends in a problem response. The detail is shown to the caller: it must never
 * hold a raw ID number, a name or a secret.
 */
public final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public ProblemException(ErrorCode code, String detail) {
    super(detail, null, false, false);
    this.code = requireNonNull(code, "code is null");
  }

  public ErrorCode code() {
    return code;
  }

  public String detail() {
    return getMessage();
  }
}
