package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What the client needs of the gateway's RFC 8414 metadata
 * ({@code GET <issuer>/.well-known/oauth-authorization-server}): the token endpoint, the JWKS and
 * the gateway's own {@code consent_gateway_*} endpoints.
 */
public record GatewayMetadata(
    String issuer,
    URI tokenEndpoint,
    URI jwksUri,
    List<String> assertionAlgorithms,
    URI consentRequestsEndpoint,
    URI queriesEndpoint,
    URI whoamiEndpoint,
    URI checkpointEndpoint,
    URI verifierKeyEndpoint,
    URI queryProofsEndpoint) {

  /** The metadata document's place for an issuer (RFC 8414 §3: the well-known segment goes before any path). */
  public static URI location(URI issuer) {
    String path = issuer.getRawPath() == null || issuer.getRawPath().equals("/") ? "" : issuer.getRawPath();
    return issuer.resolve("/.well-known/oauth-authorization-server" + path);
  }

  public GatewayMetadata {
    requireNonNull(issuer, "issuer is null");
    assertionAlgorithms = List.copyOf(assertionAlgorithms);
  }

  /** Parses the document, which must name {@code expectedIssuer} exactly (RFC 8414 §3.3: else an impostor's metadata). */
  static GatewayMetadata parse(String document, String expectedIssuer) {
    Map<String, Object> json = Json.object(document, "the metadata");
    String issuer = Json.string(json, "issuer", "the metadata");
    if (!issuer.equals(expectedIssuer)) {
      throw new UnexpectedAnswerException("the metadata names another issuer than the one asked for (RFC 8414 §3.3)");
    }
    return new GatewayMetadata(issuer,
        uri(json, "token_endpoint"),
        uri(json, "jwks_uri"),
        Json.strings(json, "token_endpoint_auth_signing_alg_values_supported", "the metadata"),
        uri(json, "consent_gateway_consent_requests_endpoint"),
        uri(json, "consent_gateway_queries_endpoint"),
        uri(json, "consent_gateway_whoami_endpoint"),
        uri(json, "consent_gateway_audit_checkpoint_endpoint"),
        uri(json, "consent_gateway_audit_verifier_key_endpoint"),
        uri(json, "consent_gateway_query_proofs_endpoint"));
  }

  private static URI uri(Map<String, Object> json, String name) {
    try {
      return URI.create(Json.string(json, name, "the metadata"));
    } catch (IllegalArgumentException e) {
      throw new UnexpectedAnswerException("the metadata's " + name + " is not a URI", e);
    }
  }
}
