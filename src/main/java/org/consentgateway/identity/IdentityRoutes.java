package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import io.vertx.ext.web.Router;
import org.consentgateway.crypto.GatewaySigningKeys;

/** The public identity routes: the token endpoint and the gateway's JWKS. */
public final class IdentityRoutes {

  public static final String JWKS_PATH = "/.well-known/jwks.json";

  private final TokenEndpoint tokenEndpoint;
  private final GatewaySigningKeys signingKeys;

  public IdentityRoutes(TokenEndpoint tokenEndpoint, GatewaySigningKeys signingKeys) {
    this.tokenEndpoint = requireNonNull(tokenEndpoint, "tokenEndpoint is null");
    this.signingKeys = requireNonNull(signingKeys, "signingKeys is null");
  }

  public void mount(Router router) {
    router.post(TokenEndpoint.PATH).handler(tokenEndpoint::handle);
    String jwks = signingKeys.publicJwkSet().toString(true);
    router.get(JWKS_PATH).handler(context -> context.response()
        .putHeader("Content-Type", "application/jwk-set+json")
        .putHeader("Cache-Control", "public, max-age=300")
        .end(jwks));
  }
}
