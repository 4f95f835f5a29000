package org.consentgateway.value;

import static java.util.Objects.requireNonNull;

/**
 * An identifier failed validation. The message says what is wrong (length, character, birth date,
 * check character) and never repeats the input, because the input may be a personal identifier
 * that must not reach logs or error responses.
 */
public final class InvalidIdentifierException extends IllegalArgumentException {

  /** Why an identifier was rejected; stable, so callers can map it to an error code. */
  public enum Reason {
    MISSING,
    WRONG_LENGTH,
    BAD_CHARACTER,
    BAD_REGION_CODE,
    BAD_BIRTH_DATE,
    BAD_CHECK_CHARACTER
  }

  private final Reason reason;

  public InvalidIdentifierException(Reason reason, String message) {
    super(requireNonNull(message, "message is null"));
    this.reason = requireNonNull(reason, "reason is null");
  }

  public Reason reason() {
    return reason;
  }
}
