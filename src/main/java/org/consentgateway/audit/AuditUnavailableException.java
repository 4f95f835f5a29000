package org.consentgateway.audit;

/**
 * The audit log could not record an entry: its queue is full, the batch's transaction failed, or
 * the log is closed. Nothing of the entry is in the log, so whoever asked must disclose nothing
 * and answer {@code 503 unavailable}. The message never holds entry contents.
 */
public final class AuditUnavailableException extends RuntimeException {

  public AuditUnavailableException(String message) {
    super(message);
  }

  public AuditUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
