package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

/**
 * A registry change was refused, or the registry could not be reached. The message is written for
 * the operator who typed the command; it names the client and never contains key material. A
 * refused change has written nothing.
 */
public final class RegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why; stable, so callers can map it to an exit code or an error code. */
  public enum Reason {
    /** A value breaks a rule: malformed id or USCC, unknown purpose or grade, bad name. */
    INVALID,
    /** The id is already registered (in this registry or, for regulators and operators, in the other). */
    DUPLICATE,
    /** No client with that id is registered. */
    NOT_FOUND,
    /** The database failed; whether to retry is the caller's call. */
    UNAVAILABLE
  }

  private final Reason reason;

  public RegistryException(Reason reason, String message) {
    this(reason, message, null);
  }

  public RegistryException(Reason reason, String message, Throwable cause) {
    super(requireNonNull(message, "message is null"), cause);
    this.reason = requireNonNull(reason, "reason is null");
  }

  public Reason reason() {
    return reason;
  }
}
