package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import org.consentgateway.crypto.Pseudonymizer;
import org.consentgateway.identity.CitizenTokens;

/**
 * The demo identity provider's token endpoint (OpenID Connect Core §3.1.3): authenticates the
 * app ({@code client_secret_basic}), redeems a code once, checks its redirect URI and PKCE
 * verifier, and answers with an ID token signed with the demo identity provider key, carrying the
 * ID number in {@code idn} as a real provider would.
 */
final class DemoTokenEndpoint {

  static final Duration ID_TOKEN_LIFETIME = Duration.ofMinutes(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String issuer;
  private final String clientId;
  private final String clientSecret;
  private final String redirectUri;
  private final ECKey signingKey;
  private final DemoCodes codes;
  private final RandomTokens random;
  private final Clock clock;
  /** {@code sub}: stable for a citizen within this run, and says nothing about the ID number without its key. */
  private final Pseudonymizer subjects;

  DemoTokenEndpoint(String issuer, String clientId, String clientSecret, String redirectUri, ECKey signingKey, DemoCodes codes,
      RandomTokens random, Clock clock) {
    this.issuer = requireNonNull(issuer, "issuer is null");
    this.clientId = requireNonNull(clientId, "clientId is null");
    this.clientSecret = requireNonNull(clientSecret, "clientSecret is null");
    this.redirectUri = requireNonNull(redirectUri, "redirectUri is null");
    this.signingKey = requireNonNull(signingKey, "signingKey is null");
    this.codes = requireNonNull(codes, "codes is null");
    this.random = requireNonNull(random, "random is null");
    this.clock = requireNonNull(clock, "clock is null");
    byte[] subjectKey = new byte[Pseudonymizer.KEY_LENGTH];
    new SecureRandom().nextBytes(subjectKey);
    this.subjects = new Pseudonymizer(subjectKey);
  }

  void handle(RoutingContext context) {
    context.response().putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache");
    if (!authenticated(context.request().getHeader("Authorization"))) {
      context.response().putHeader("WWW-Authenticate", "Basic realm=\"demo-idp\"");
      error(context, 401, "invalid_client");
      return;
    }
    if (!"authorization_code".equals(context.request().getFormAttribute("grant_type"))) {
      error(context, 400, "unsupported_grant_type");
      return;
    }
    Optional<DemoCodes.Issued> issued = codes.redeem(context.request().getFormAttribute("code"));
    String verifier = context.request().getFormAttribute("code_verifier");
    // RFC 6749 §4.1.3: the redirect URI of the authorization request, again; RFC 7636 §4.6: the verifier's S256 is the challenge.
    if (issued.isEmpty() || !redirectUri.equals(context.request().getFormAttribute("redirect_uri"))
        || !RandomTokens.wellFormed(verifier) || !RandomTokens.same(issued.get().request().codeChallenge(), RandomTokens.s256Challenge(verifier))) {
      error(context, 400, "invalid_grant");
      return;
    }
    ObjectNode answer = JsonNodeFactory.instance.objectNode()
        .put("access_token", random.next())
        .put("token_type", "Bearer")
        .put("expires_in", ID_TOKEN_LIFETIME.toSeconds())
        .put("id_token", idToken(issued.get()));
    json(context, 200, answer);
  }

  private String idToken(DemoCodes.Issued issued) {
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(subjects.subjectRef(issued.idNumber()).value())
        .audience(clientId)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(ID_TOKEN_LIFETIME)))
        .claim("nonce", issued.request().nonce())
        .claim(CitizenTokens.ID_NUMBER_CLAIM, issued.idNumber().value())
        .build();
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signingKey.getKeyID()).type(JOSEObjectType.JWT).build(),
          claims);
      jwt.sign(new ECDSASigner(signingKey));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("the demo identity provider key cannot sign", e);
    }
  }

  /** RFC 6749 §2.3.1: {@code Basic base64(urlencode(id):urlencode(secret))}. */
  private boolean authenticated(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String pair;
    try {
      pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = pair.indexOf(':');
    try {
      return colon > 0 && clientId.equals(URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8))
          && RandomTokens.same(clientSecret, URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** RFC 6749 §5.2. */
  private static void error(RoutingContext context, int status, String code) {
    json(context, status, JsonNodeFactory.instance.objectNode().put("error", code));
  }

  /** Answers with {@code body} as JSON: the demo provider's answers, which are OAuth's and OpenID's, not the API's. */
  static void json(RoutingContext context, int status, ObjectNode body) {
    try {
      Pages.sendJson(context, status, "application/json", JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }
}
