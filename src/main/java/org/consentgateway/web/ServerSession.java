package org.consentgateway.web;

/** A server-side session as a request sees it: the citizen app's and the regulator console's. */
public interface ServerSession {

  /** The cookie's value; only its hash is stored. */
  String token();

  /** What every form of the session must send back as {@value Page#CSRF_FIELD}. */
  String csrfToken();
}
