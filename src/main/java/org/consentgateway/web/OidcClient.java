package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.consentgateway.crypto.Pseudonymizer;
import org.consentgateway.identity.Authentication;
import org.consentgateway.identity.CitizenTokens;
import org.consentgateway.value.SubjectRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenID Connect authorization code flow with PKCE (OpenID Connect Core 1.0 §3.1, RFC 7636
 * S256), as a confidential client ({@code client_secret_basic}, RFC 6749 §2.3.1). HTTP goes through
 * Vert.x's WebClient; Nimbus only parses and verifies. The ID token is verified by
 * {@link CitizenTokens}, exactly as the API verifies a citizen's bearer token (signature with the
 * provider's keys, {@code iss}, {@code aud} = our client id, {@code exp}, and {@code idn} a valid
 * resident ID number turned into its subjectRef), and then its {@code nonce} against the request's.
 */
final class OidcClient implements IdentityProviderClient {

  private static final Logger LOG = LoggerFactory.getLogger(OidcClient.class);
  private static final int MAX_ID_TOKEN_CHARS = 16 * 1024;
  /** What of a provider's error code goes into the log: RFC 6749 error codes are of this form. */
  static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");

  private final OidcProvider provider;
  private final WebClient client;
  private final String clientId;
  private final String clientSecret;
  private final String redirectUri;
  private final Pseudonymizer pseudonymizer;
  private final Duration clockSkew;
  private final Clock clock;

  OidcClient(OidcProvider provider, WebClient client, String clientId, String clientSecret, String redirectUri,
      Pseudonymizer pseudonymizer, Duration clockSkew, Clock clock) {
    this.provider = requireNonNull(provider, "provider is null");
    this.client = requireNonNull(client, "client is null");
    this.clientId = requireNonNull(clientId, "clientId is null");
    this.clientSecret = requireNonNull(clientSecret, "clientSecret is null");
    this.redirectUri = requireNonNull(redirectUri, "redirectUri is null");
    this.pseudonymizer = requireNonNull(pseudonymizer, "pseudonymizer is null");
    this.clockSkew = requireNonNull(clockSkew, "clockSkew is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public boolean configured() {
    return true;
  }

  @Override
  public Future<String> authorizationUrl(PendingSignIn pending, Language language) {
    return provider.metadata().map(metadata -> {
      String endpoint = metadata.authorizationEndpoint().toString();
      // Core §3.1.2.1; the code challenge of RFC 7636 §4.3; ui_locales so the provider speaks the page's language.
      return endpoint + (endpoint.contains("?") ? "&" : "?")
          + "response_type=code"
          + "&client_id=" + encode(clientId)
          + "&redirect_uri=" + encode(redirectUri)
          + "&scope=openid"
          + "&state=" + pending.state()
          + "&nonce=" + pending.nonce()
          + "&code_challenge=" + RandomTokens.s256Challenge(pending.codeVerifier())
          + "&code_challenge_method=S256"
          + "&ui_locales=" + language.tag();
    });
  }

  @Override
  public Future<SignInResult> redeem(String code, PendingSignIn pending) {
    return provider.metadata()
        .compose(metadata -> client.postAbs(metadata.tokenEndpoint().toString())
            .putHeader("Authorization", basicCredentials())
            .putHeader("Accept", "application/json")
            .timeout(OidcProvider.TIMEOUT_MILLIS)
            .followRedirects(false)
            // Core §3.1.3.1; the verifier of RFC 7636 §4.5.
            .sendForm(MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "authorization_code")
                .add("code", code)
                .add("redirect_uri", redirectUri)
                .add("code_verifier", pending.codeVerifier())))
        .compose(response -> idToken(response).map(token -> verify(token, pending)).orElse(Future.succeededFuture(
            new SignInResult.Refused(response.statusCode() == 200 ? SignInRefusal.ID_TOKEN : SignInRefusal.TOKEN_REQUEST))))
        .recover(failure -> {
          LOG.warn("sign-in: the identity provider could not be reached: {}", failure.getMessage());
          return Future.succeededFuture(new SignInResult.Refused(SignInRefusal.UNREACHABLE));
        });
  }

  /** The ID token of a token response (Core §3.1.3.3), if it has one that parses. */
  private Optional<SignedJWT> idToken(HttpResponse<Buffer> response) {
    if (response.statusCode() != 200) {
      String error = "(none)";
      try {
        JsonNode body = OidcProvider.json(response.bodyAsString());
        error = body.path("error").asText("(none)");
      } catch (RuntimeException e) {
        // not JSON: nothing to log but the status
      }
      LOG.info("sign-in refused: the identity provider answered the token request with {} {}", response.statusCode(),
          ERROR_CODE.matcher(error).matches() ? error : "(unreadable error)");
      return Optional.empty();
    }
    try {
      JsonNode idToken = OidcProvider.json(OidcProvider.body(response, "the token endpoint")).get("id_token");
      if (idToken == null || !idToken.isTextual() || idToken.textValue().length() > MAX_ID_TOKEN_CHARS) {
        LOG.info("sign-in refused: the token response has no usable id_token");
        return Optional.empty();
      }
      return Optional.of(SignedJWT.parse(idToken.textValue()));
    } catch (ParseException | RuntimeException e) {
      LOG.info("sign-in refused: the token response or its id_token does not parse");
      return Optional.empty();
    }
  }

  private Future<SignInResult> verify(SignedJWT idToken, PendingSignIn pending) {
    return provider.keys().compose(keys -> {
      Authentication checked = verifier(keys).verify(idToken);
      if (!CitizenTokens.UNKNOWN_KEY.equals(checked.problem())) {
        return Future.succeededFuture(checked);
      }
      return provider.refreshedKeys().map(fresh -> verifier(fresh).verify(idToken));
    }).map(checked -> outcome(checked, idToken, pending));
  }

  private CitizenTokens verifier(JWKSet keys) {
    return new CitizenTokens(keys, provider.issuer(), clientId, clockSkew, pseudonymizer, clock);
  }

  private SignInResult outcome(Authentication checked, SignedJWT idToken, PendingSignIn pending) {
    if (!checked.accepted()) {
      LOG.info("sign-in refused: {}", checked.problem());
      return new SignInResult.Refused(switch (checked.problem()) {
        case CitizenTokens.EXPIRED -> SignInRefusal.EXPIRED;
        case CitizenTokens.NO_VALID_ID_NUMBER -> SignInRefusal.ID_NUMBER;
        default -> SignInRefusal.ID_TOKEN;
      });
    }
    JWTClaimsSet claims;
    try {
      claims = idToken.getJWTClaimsSet();
    } catch (ParseException e) {
      return new SignInResult.Refused(SignInRefusal.ID_TOKEN);
    }
    Object nonce = claims.getClaim("nonce");
    if (!(nonce instanceof String text) || !RandomTokens.same(pending.nonce(), text)) {
      LOG.info("sign-in refused: the ID token's nonce is not the one this sign-in sent");
      return new SignInResult.Refused(SignInRefusal.ID_TOKEN);
    }
    // Core §3.1.3.7 (4, 5): with several audiences an azp must name us; an azp must always name us.
    Object authorizedParty = claims.getClaim("azp");
    List<String> audience = claims.getAudience();
    if (authorizedParty == null ? audience.size() > 1 : !clientId.equals(authorizedParty)) {
      LOG.info("sign-in refused: the ID token was issued to another party (azp)");
      return new SignInResult.Refused(SignInRefusal.ID_TOKEN);
    }
    return new SignInResult.SignedIn(SubjectRef.parse(checked.principal().orElseThrow().id()));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private String basicCredentials() {
    // RFC 6749 §2.3.1: each part form-encoded, then joined and base64'd.
    String pair = encode(clientId) + ":" + encode(clientSecret);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}
