package org.consentgateway.client;

/**
 * A request that may have been acted on was sent, and no answer came (the connection was lost or
 * the answer timed out). The library never sends such a request again by itself: a query may have
 * used up one of the consent's uses and been audited, a consent request may have been stored. Look
 * at the outcome (for a consent request, its status) before deciding to send another.
 */
public final class OutcomeUnknownException extends ConsentGatewayException {

  private static final long serialVersionUID = 1L;

  OutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
