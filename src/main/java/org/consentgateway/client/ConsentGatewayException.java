package org.consentgateway.client;

/**
 * Everything the client library throws (or completes a future with) is one of these, unchecked:
 * a problem the gateway answered ({@link GatewayProblemException}), an answer that does not verify
 * ({@link VerificationException}), a request whose outcome is unknown ({@link OutcomeUnknownException}),
 * a gateway that could not be reached ({@link GatewayUnreachableException}), an answer that is not
 * what the API promises ({@link UnexpectedAnswerException}) or a key that cannot be used
 * ({@link ClientKeyException}).
 */
public abstract class ConsentGatewayException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  protected ConsentGatewayException(String message, Throwable cause) {
    super(message, cause);
  }
}
