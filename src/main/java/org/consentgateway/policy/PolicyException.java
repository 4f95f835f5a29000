package org.consentgateway.policy;

/** A policy file is wrong; the message names the file, the line and the problem. */
public final class PolicyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PolicyException(String message) {
    super(message);
  }

  public PolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
