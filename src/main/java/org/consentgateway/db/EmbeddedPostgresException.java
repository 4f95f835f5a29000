package org.consentgateway.db;

/**
 * The embedded PostgreSQL could not be prepared, started, reused or stopped. The message says what
 * went wrong and what to do about it; it never contains the database password.
 */
public final class EmbeddedPostgresException extends RuntimeException {

  public EmbeddedPostgresException(String message) {
    super(message);
  }

  public EmbeddedPostgresException(String message, Throwable cause) {
    super(message, cause);
  }
}
