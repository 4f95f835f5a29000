package org.consentgateway.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.consentgateway.crypto.MessageAlgorithm;
import org.consentgateway.identity.ClientAssertions;

/**
 * {@code GET /.well-known/oauth-authorization-server} (RFC 8414, public): what a stock OAuth client
 * needs to find the token endpoint and authenticate with {@code private_key_jwt}, and, as extension
 * members named {@code consent_gateway_*}, where the consent, query and audit endpoints are
 * (docs/integration.md lists them). Built once: it changes only with the issuer.
 */
public final class ServerMetadata {

  public static final String PATH = "/.well-known/oauth-authorization-server";

  private final String document;

  /** @param issuer the gateway's issuer URL, exactly as its tokens carry it in {@code iss} */
  public ServerMetadata(String issuer) {
    requireNonNull(issuer, "issuer is null");
    this.document = new String(JsonRoutes.encode(metadata(issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer, issuer)), StandardCharsets.UTF_8);
  }

  public void mount(Router router) {
    router.get(PATH).handler(context -> {
      // Clients cache it; a changed issuer is a redeployment, which an hour's cache survives.
      context.response().putHeader("Cache-Control", "public, max-age=3600");
      JsonRoutes.replyText(context, "application/json", document);
    });
  }

  /** The document, as served. */
  public String document() {
    return document;
  }

  private static ObjectNode metadata(String base, String issuer) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("issuer", issuer);
    body.put("token_endpoint", base + TokenEndpoint.PATH);
    body.put("jwks_uri", base + IdentityRoutes.JWKS_PATH);
    strings(body, "grant_types_supported", List.of("client_credentials"));
    // RFC 8414 requires the member; the gateway has no authorization endpoint, so it lists none.
    strings(body, "response_types_supported", List.of());
    strings(body, "token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
    strings(body, "token_endpoint_auth_signing_alg_values_supported", ClientAssertions.signingAlgorithms());
    body.put("service_documentation", base + OpenApiRoutes.PATH);
    // The gateway's own members, prefixed so that no future OAuth member can collide with them.
    body.put("consent_gateway_consent_requests_endpoint", base + ConsentRoutes.REQUESTS_PATH);
    body.put("consent_gateway_queries_endpoint", base + QueryRoutes.PATH);
    body.put("consent_gateway_whoami_endpoint", base + IdentityRoutes.WHOAMI_PATH);
    body.put("consent_gateway_consent_page_prefix", base + ConsentRoutes.CONSENT_PAGE_PATH);
    body.put("consent_gateway_audit_checkpoint_endpoint", base + AuditRoutes.CHECKPOINT_PATH);
    body.put("consent_gateway_audit_verifier_key_endpoint", base + AuditRoutes.VERIFIER_KEY_PATH);
    body.put("consent_gateway_audit_tiles_prefix", base + AuditRoutes.TILE_PREFIX);
    body.put("consent_gateway_query_proofs_endpoint", base + InstitutionAuditRoutes.INCLUSION_PATH);
    strings(body, "consent_gateway_answer_signing_alg_values_supported",
        List.of(MessageAlgorithm.ECDSA_P256_SHA256.wireName(), MessageAlgorithm.ED25519.wireName()));
    body.put("consent_gateway_openapi_uri", base + OpenApiRoutes.PATH);
    return body;
  }

  private static void strings(ObjectNode body, String name, List<String> values) {
    ArrayNode array = body.putArray(name);
    values.forEach(array::add);
  }
}
