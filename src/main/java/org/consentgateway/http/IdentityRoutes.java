package org.consentgateway.http;

import static java.util.Objects.requireNonNull;
import static org.consentgateway.http.JsonRoutes.reply;
import static org.consentgateway.http.JsonRoutes.replyText;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
    router.post(TokenEndpoint.PATH).handler(tokenEndpoint::handle).failureHandler(tokenEndpoint::failed);
    router.get(WHOAMI_PATH).handler(context -> {
      Principal principal = Caller.of(context);
      reply(context, 200, JsonNodeFactory.instance.objectNode()
          .put("role", principal.role().wireName()).put("id", principal.id()).put("actor", principal.actor()));
    });
    String jwks = signingKeys.publicJwkSet().toString(true);
    router.get(JWKS_PATH).handler(context -> {
      context.response().putHeader("Cache-Control", "public, max-age=300");
      replyText(context, "application/jwk-set+json", jwks);
    });
  }
}
