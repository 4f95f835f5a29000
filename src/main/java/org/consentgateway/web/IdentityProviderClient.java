package org.consentgateway.web;

import io.vertx.core.Future;

/** The app's side of the OpenID Connect code flow with its identity provider, or of no provider at all. */
interface IdentityProviderClient {

  /** False when the gateway has no identity provider: nobody can sign in, and the pages say so. */
  boolean configured();

  /** The authorization request for {@code pending}, as the URL to send the browser to. */
  Future<String> authorizationUrl(PendingSignIn pending, Language language);

  /** Redeems the authorization code and verifies the ID token it brings against {@code pending}. */
  Future<SignInResult> redeem(String code, PendingSignIn pending);

  /** The client of a gateway with no identity provider. */
  static IdentityProviderClient none() {
    return new IdentityProviderClient() {
      @Override
      public boolean configured() {
        return false;
      }

      @Override
      public Future<String> authorizationUrl(PendingSignIn pending, Language language) {
        return Future.failedFuture(new IllegalStateException("no identity provider is configured"));
      }

      @Override
      public Future<SignInResult> redeem(String code, PendingSignIn pending) {
        return Future.failedFuture(new IllegalStateException("no identity provider is configured"));
      }
    };
  }
}
