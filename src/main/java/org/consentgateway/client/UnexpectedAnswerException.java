package org.consentgateway.client;

/** The gateway answered something the API does not promise (a member missing, not JSON, a wrong type). */
public final class UnexpectedAnswerException extends ConsentGatewayException {

  private static final long serialVersionUID = 1L;

  UnexpectedAnswerException(String message) {
    super(message, null);
  }

  UnexpectedAnswerException(String message, Throwable cause) {
    super(message, cause);
  }
}
