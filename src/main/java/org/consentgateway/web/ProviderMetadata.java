package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Locale;

/**
 * The parts of an OpenID Connect provider's discovery document the app uses (OpenID Connect
 * Discovery 1.0 §3).
 */
record ProviderMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri) {

  ProviderMetadata {
    requireNonNull(issuer, "issuer is null");
    requireNonNull(authorizationEndpoint, "authorizationEndpoint is null");
    requireNonNull(tokenEndpoint, "tokenEndpoint is null");
    requireNonNull(jwksUri, "jwksUri is null");
  }

  /**
   * Reads a discovery document fetched for {@code expectedIssuer}. Its {@code issuer} must be that
   * one exactly (Discovery §4.3, so one provider cannot speak for another), and its endpoints
   * https, or http only when the issuer itself is.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  static ProviderMetadata parse(JsonNode document, String expectedIssuer) {
    String issuer = text(document, "issuer");
    if (!issuer.equals(expectedIssuer)) {
      throw new IllegalArgumentException("the discovery document names another issuer");
    }
    boolean httpAllowed = issuer.toLowerCase(Locale.ROOT).startsWith("http://");
    URI authorizationEndpoint = endpoint(document, "authorization_endpoint", httpAllowed);
    // The app's Content-Security-Policy lets the sign-in form (and the redirect it follows) go to
    // the issuer's origin only, so an authorization endpoint elsewhere would be blocked by the browser.
    if (!origin(authorizationEndpoint).equalsIgnoreCase(origin(URI.create(issuer)))) {
      throw new IllegalArgumentException("the authorization_endpoint is not on the issuer's origin, where the app's forms may go");
    }
    return new ProviderMetadata(issuer, authorizationEndpoint, endpoint(document, "token_endpoint", httpAllowed),
        endpoint(document, "jwks_uri", httpAllowed));
  }

  /** {@code scheme://host[:port]}: what a CSP source and a same-origin check compare. */
  static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  private static URI endpoint(JsonNode document, String member, boolean httpAllowed) {
    URI uri;
    try {
      uri = URI.create(text(document, member));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(member + " is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || httpAllowed && scheme.equals("http")) || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(member + " must be an https URL without a fragment");
    }
    return uri;
  }

  private static String text(JsonNode document, String member) {
    JsonNode value = document.get(member);
    if (value == null || !value.isTextual() || value.textValue().isBlank()) {
      throw new IllegalArgumentException("the discovery document has no " + member);
    }
    return value.textValue();
  }
}
