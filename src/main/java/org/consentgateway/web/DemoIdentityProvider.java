package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.consentgateway.records.SyntheticCreditData;
import org.consentgateway.value.ResidentIdNumber;

/**
 * An OpenID Connect provider for demos, served by the gateway itself under {@value #PATH} and only
 * with the demo keys (it signs with the published demo identity provider key, so anyone could
 * forge its tokens). Its pages say DEMO. It serves exactly one client, the app, and the app signs
 * in through it by the very same code flow as through a real provider: discovery, authorize
 * (type an ID number or pick a synthetic citizen), token, JWKS.
 */
public final class DemoIdentityProvider {

  public static final String PATH = "/demo-idp";
  public static final String DISCOVERY_PATH = PATH + "/.well-known/openid-configuration";
  public static final String AUTHORIZE_PATH = PATH + "/authorize";
  public static final String TOKEN_PATH = PATH + "/token";
  public static final String JWKS_PATH = PATH + "/jwks";
  static final String CLIENT_ID = "consent-gateway-app";
  /** The example citizen of the documentation. */
  static final String EXAMPLE_CITIZEN = "11010519491231002X";
  /**
   * The synthetic citizens {@code gateway demo} imports and the page offers: the first of the
   * generator with this seed, for this day, the same on every machine.
   */
  public static final long SYNTHETIC_SEED = 2026;
  public static final LocalDate SYNTHETIC_AS_OF = LocalDate.of(2026, 12, 1);
  public static final int SYNTHETIC_CITIZENS = 5;

  private final String issuer;
  private final String redirectUri;
  private final String clientSecret;
  private final ECKey signingKey;
  private final List<ResidentIdNumber> citizens;
  private final DemoCodes codes;
  private final DemoTokenEndpoint tokenEndpoint;
  private final Pages pages;

  DemoIdentityProvider(String gatewayIssuer, String redirectUri, KeyPair identityProviderKey, List<ResidentIdNumber> citizens,
      Pages pages, RandomTokens random, Clock clock) {
    this.issuer = requireNonNull(gatewayIssuer, "gatewayIssuer is null") + PATH;
    this.redirectUri = requireNonNull(redirectUri, "redirectUri is null");
    this.citizens = List.copyOf(citizens);
    this.pages = requireNonNull(pages, "pages is null");
    // A secret of this process: the app is the only client, and learns it from the wiring, not from a file.
    this.clientSecret = random.next();
    this.signingKey = signingKey(identityProviderKey);
    this.codes = new DemoCodes(random, clock);
    this.tokenEndpoint = new DemoTokenEndpoint(issuer, CLIENT_ID, clientSecret, redirectUri, signingKey, codes, random, clock);
  }

  /** The synthetic citizens of the demo: made-up, valid GB 11643 numbers ({@code gateway demo} imports their files). */
  public static List<ResidentIdNumber> syntheticCitizens() {
    SyntheticCreditData synthetic = new SyntheticCreditData(SYNTHETIC_SEED, SYNTHETIC_AS_OF);
    return IntStream.range(0, SYNTHETIC_CITIZENS).mapToObj(i -> synthetic.next().identity().idNumber()).toList();
  }

  /** Whom the page offers: the synthetic citizens, then the example citizen of the documentation. */
  static List<ResidentIdNumber> offeredCitizens() {
    List<ResidentIdNumber> citizens = new ArrayList<>(syntheticCitizens());
    citizens.add(ResidentIdNumber.parse(EXAMPLE_CITIZEN));
    return citizens;
  }

  String issuer() {
    return issuer;
  }

  String clientId() {
    return CLIENT_ID;
  }

  String clientSecret() {
    return clientSecret;
  }

  public void mount(Router router) {
    // The same headers as the app's pages; its one form may lead back to the app's callback.
    SecurityHeaders headers = new SecurityHeaders(List.of(ProviderMetadata.origin(URI.create(redirectUri))));
    router.route().handler(context -> {
      if (context.normalizedPath().startsWith(PATH + "/")) {
        headers.handle(context);
      } else {
        context.next();
      }
    });
    router.get(DISCOVERY_PATH).handler(this::discovery);
    router.get(AUTHORIZE_PATH).handler(context -> authorizePage(context, DemoAuthorization.read(context.request()::getParam)));
    router.post(AUTHORIZE_PATH).handler(this::authorize);
    router.post(TOKEN_PATH).handler(tokenEndpoint::handle);
    String jwks = new JWKSet(signingKey.toPublicJWK()).toString(true);
    router.get(JWKS_PATH).handler(context -> Pages.sendJson(context, 200, "application/jwk-set+json", jwks));
  }

  /** OpenID Connect Discovery 1.0 §3. */
  private void discovery(RoutingContext context) {
    ObjectNode document = JsonNodeFactory.instance.objectNode()
        .put("issuer", issuer)
        .put("authorization_endpoint", issuer + "/authorize")
        .put("token_endpoint", issuer + "/token")
        .put("jwks_uri", issuer + "/jwks");
    document.putArray("response_types_supported").add("code");
    document.putArray("grant_types_supported").add("authorization_code");
    document.putArray("subject_types_supported").add("public");
    document.putArray("id_token_signing_alg_values_supported").add(JWSAlgorithm.ES256.getName());
    document.putArray("token_endpoint_auth_methods_supported").add("client_secret_basic");
    document.putArray("code_challenge_methods_supported").add("S256");
    document.putArray("scopes_supported").add("openid");
    document.putArray("claims_supported").add("iss").add("sub").add("aud").add("exp").add("iat").add("nonce").add("idn");
    DemoTokenEndpoint.json(context, 200, document);
  }

  private void authorizePage(RoutingContext context, DemoAuthorization request) {
    if (!request.isValidFor(CLIENT_ID, redirectUri)) {
      invalidRequest(context, request);
      return;
    }
    showPage(context, 200, request, false);
  }

  /** The page's form: a citizen picked or typed signs in, and the browser goes back to the app with a code. */
  private void authorize(RoutingContext context) {
    DemoAuthorization request = DemoAuthorization.read(context.request()::getFormAttribute);
    if (!request.isValidFor(CLIENT_ID, redirectUri)) {
      invalidRequest(context, request);
      return;
    }
    if (context.request().getFormAttribute("cancel") != null) {
      // Core §3.1.2.6: the citizen said no.
      pages.redirectAway(context, redirectUri + "?error=access_denied&state=" + encode(request.state()));
      return;
    }
    Optional<ResidentIdNumber> citizen = chosen(context.request().getFormAttribute("idn"), context.request().getFormAttribute("citizen"));
    if (citizen.isEmpty()) {
      showPage(context, 400, request, true);
      return;
    }
    Optional<String> code = codes.issue(citizen.get(), request);
    if (code.isEmpty()) {
      invalidRequest(context, request);
      return;
    }
    pages.redirectAway(context, redirectUri + "?code=" + code.get() + "&state=" + encode(request.state()));
  }

  /** A typed ID number if one was typed (it must be valid), else the picked citizen. */
  private Optional<ResidentIdNumber> chosen(String typed, String picked) {
    if (typed != null && !typed.isBlank()) {
      return ResidentIdNumber.isValid(typed.trim()) ? Optional.of(ResidentIdNumber.parse(typed.trim())) : Optional.empty();
    }
    try {
      int index = Integer.parseInt(picked == null ? "" : picked);
      return index >= 0 && index < citizens.size() ? Optional.of(citizens.get(index)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private void showPage(RoutingContext context, int status, DemoAuthorization request, boolean invalidIdNumber) {
    List<DemoCitizen> offered = IntStream.range(0, citizens.size())
        .mapToObj(i -> new DemoCitizen(i, citizens.get(i).masked())).toList();
    pages.renderOutsideApp(context, status, "signin/demo-authorize.jte", Map.of("demo", frame(request), "request", request,
        "citizens", offered, "invalidIdNumber", invalidIdNumber));
  }

  /** A request for another client or redirect URI is never redirected: it gets this page. */
  private void invalidRequest(RoutingContext context, DemoAuthorization request) {
    pages.renderOutsideApp(context, 400, "signin/demo-error.jte", Map.of("demo", frame(request)));
  }

  private DemoPage frame(DemoAuthorization request) {
    return new DemoPage(pages.messages(request.language()), request);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static ECKey signingKey(KeyPair pair) {
    try {
      return new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).privateKey((ECPrivateKey) pair.getPrivate())
          .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).keyIDFromThumbprint().build();
    } catch (JOSEException e) {
      throw new IllegalStateException("the demo identity provider key has no thumbprint", e);
    }
  }
}
