package org.consentgateway.audit;

/**
 * Text or bytes that are not a well-formed audit artefact: an entry that is not canonical JSON, a
 * malformed checkpoint, signed note, verifier key or tlog-proof. The message says what is wrong
 * and never echoes a secret.
 */
public final class AuditFormatException extends RuntimeException {

  public AuditFormatException(String message) {
    super(message);
  }

  public AuditFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
