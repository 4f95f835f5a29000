package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * An authorization request sent to the identity provider, kept with the session that sent it until
 * its callback takes it (once) or it expires.
 *
 * @param state binds the callback to this session (RFC 6749 §10.12)
 * @param nonce binds the ID token to this request (OpenID Connect Core §3.1.2.1)
 * @param codeVerifier the PKCE secret whose S256 challenge went with the request (RFC 7636)
 * @param next the app's page to show once signed in
 * @param expiresAt after this the callback is refused
 */
record PendingSignIn(String state, String nonce, String codeVerifier, String next, Instant expiresAt) {

  PendingSignIn {
    requireNonNull(state, "state is null");
    requireNonNull(nonce, "nonce is null");
    requireNonNull(codeVerifier, "codeVerifier is null");
    requireNonNull(next, "next is null");
    requireNonNull(expiresAt, "expiresAt is null");
  }

  @Override
  public String toString() {
    return "PendingSignIn[next=" + next + ", expiresAt=" + expiresAt + "]";
  }
}
