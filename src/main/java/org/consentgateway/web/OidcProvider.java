package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * An OpenID Connect provider as the app knows it: its discovery document
 * ({@code <issuer>/.well-known/openid-configuration}) and its signing keys ({@code jwks_uri}),
 * fetched with Vert.x's WebClient (non-blocking) and cached. The keys are fetched again early when
 * an ID token names a key we do not have (the provider rotated), at most once a minute.
 */
final class OidcProvider {

  static final Duration METADATA_LIFETIME = Duration.ofHours(1);
  static final Duration KEYS_LIFETIME = Duration.ofHours(1);
  static final Duration EARLIEST_KEY_REFRESH = Duration.ofMinutes(1);
  static final int TIMEOUT_MILLIS = 10_000;
  static final int MAX_BODY_BYTES = 256 * 1024;
  private static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebClient client;
  private final String issuer;
  private final Cached<ProviderMetadata> metadata;
  private final Cached<JWKSet> keys;

  OidcProvider(WebClient client, String issuer, Clock clock) {
    this.client = requireNonNull(client, "client is null");
    this.issuer = requireNonNull(issuer, "issuer is null");
    this.metadata = new Cached<>(this::fetchMetadata, METADATA_LIFETIME, clock);
    this.keys = new Cached<>(() -> metadata().compose(found -> fetchKeys(found.jwksUri())), KEYS_LIFETIME, clock);
  }

  String issuer() {
    return issuer;
  }

  Future<ProviderMetadata> metadata() {
    return metadata.get();
  }

  Future<JWKSet> keys() {
    return keys.get();
  }

  /** The keys fetched anew, unless they were fetched within the last minute. */
  Future<JWKSet> refreshedKeys() {
    return keys.refresh(EARLIEST_KEY_REFRESH);
  }

  private Future<ProviderMetadata> fetchMetadata() {
    // Discovery §4: the issuer, less a trailing slash, then the well-known path.
    String url = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer) + DISCOVERY_PATH;
    return get(URI.create(url)).map(body -> ProviderMetadata.parse(json(body), issuer));
  }

  private Future<JWKSet> fetchKeys(URI jwksUri) {
    return get(jwksUri).map(body -> {
      try {
        List<JWK> publicKeys = JWKSet.parse(body).getKeys().stream().filter(key -> !key.isPrivate()).toList();
        return new JWKSet(publicKeys);
      } catch (ParseException e) {
        throw new IllegalArgumentException("the identity provider's JWKS is malformed", e);
      }
    });
  }

  private Future<String> get(URI uri) {
    return client.getAbs(uri.toString()).putHeader("Accept", "application/json").timeout(TIMEOUT_MILLIS).followRedirects(false)
        .send().map(response -> body(response, uri.toString()));
  }

  /** A 200 answer's body, within the size limit. */
  static String body(HttpResponse<Buffer> response, String from) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(from + " answered " + response.statusCode());
    }
    Buffer body = response.body();
    if (body == null || body.length() > MAX_BODY_BYTES) {
      throw new IllegalStateException(from + " answered with no body or one over " + MAX_BODY_BYTES + " bytes");
    }
    return body.toString();
  }

  static JsonNode json(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON", e);
    }
  }
}
