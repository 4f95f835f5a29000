package org.consentgateway.client;

/** The institution's key cannot be read or used to sign (wrong format, type, alias or password). */
public final class ClientKeyException extends ConsentGatewayException {

  private static final long serialVersionUID = 1L;

  ClientKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
