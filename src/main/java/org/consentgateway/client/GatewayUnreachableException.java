package org.consentgateway.client;

/**
 * The gateway could not be reached, or a request safe to repeat (a token request, a read) failed
 * on every attempt the retry policy allows.
 */
public final class GatewayUnreachableException extends ConsentGatewayException {

  private static final long serialVersionUID = 1L;

  GatewayUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
