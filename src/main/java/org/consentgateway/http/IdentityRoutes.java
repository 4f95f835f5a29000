package org.consentgateway.http;

import static java.util.Objects.requireNonNull;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.consentgateway.crypto.GatewaySigningKeys;
import org.consentgateway.value.Principal;

/**
 * The identity routes: the token endpoint and the gateway's JWKS (public), and
 * {@code GET /v1/whoami}, which tells any authenticated caller who the gateway takes them for
 * (integrators check their token with it).
 */
public final class IdentityRoutes {

  public static final String JWKS_PATH = "/.well-known/jwks.json";
  public static final String WHOAMI_PATH = "/v1/whoami";

  private final TokenEndpoint tokenEndpoint;
  private final GatewaySigningKeys signingKeys;

  public IdentityRoutes(TokenEndpoint tokenEndpoint, GatewaySigningKeys signingKeys) {
    this.tokenEndpoint = requireNonNull(tokenEndpoint, "tokenEndpoint is null");
    this.signingKeys = requireNonNull(signingKeys, "signingKeys is null");
  }

  public void mount(Router router) {
    router.post(TokenEndpoint.PATH).handler(tokenEndpoint::handle);
    router.get(WHOAMI_PATH).handler(context -> {
      Principal principal = Caller.of(context);
      context.json(new JsonObject().put("role", principal.role().wireName()).put("id", principal.id()).put("actor", principal.actor()));
    });
    String jwks = signingKeys.publicJwkSet().toString(true);
    router.get(JWKS_PATH).handler(context -> context.response()
        .putHeader("Content-Type", "application/jwk-set+json")
        .putHeader("Cache-Control", "public, max-age=300")
        .end(jwks));
  }
}
