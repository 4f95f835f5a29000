package org.consentgateway.crypto;

import static java.util.Objects.requireNonNull;

/**
 * A ciphertext could not be decrypted: it is truncated, of an unknown format, names a key the
 * gateway does not hold, or failed authentication. The message never contains plaintext or key
 * material.
 */
public final class DecryptionFailedException extends RuntimeException {

  /** What went wrong, for callers that react differently (e.g. a missing key vs. tampering). */
  public enum Reason {
    TRUNCATED,
    UNKNOWN_FORMAT_VERSION,
    UNKNOWN_KEY_ID,
    AUTHENTICATION_FAILED
  }

  private final Reason reason;

  public DecryptionFailedException(Reason reason, String message) {
    super(requireNonNull(message, "message is null"));
    this.reason = requireNonNull(reason, "reason is null");
  }

  public Reason reason() {
    return reason;
  }
}
