package org.consentgateway.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.OpenApiContract;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.DevTokens;
import org.consentgateway.identity.IdentityConfig;
import org.consentgateway.identity.TestRegistry;
import org.consentgateway.value.UnifiedSocialCreditCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Institutions, regulators and citizens authenticating against a running gateway, and every refusal. */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityFlowTest {

  private static final Path KEYS = Path.of("keys-example");
  private static final String BANK = "91350100M000100Y43";
  private static final String DISABLED_BANK = UnifiedSocialCreditCode.of("91110000MA0000001").value();
  private static final String REGULATOR = "pboc-credit-reference";
  private static final String CITIZEN_ID = "11010519491231002X";
  private static final String ISSUER = "https://gateway.test";
  private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  private final HttpClient client = HttpClient.newHttpClient();
  private final PrivateKey bankKey = PemFiles.readPrivateKey(KEYS.resolve("institution.key.pem"));
  private final PrivateKey regulatorKey = PemFiles.readPrivateKey(KEYS.resolve("regulator.key.pem"));
  private final PrivateKey identityProviderKey = PemFiles.readPrivateKey(KEYS.resolve("identity-provider.key.pem"));
  private Gateway gateway;
  private final String issuer = ISSUER;
  private String base;

  @BeforeAll
  void start(DatabaseCoordinates database) {
    ClientKey bankPublic = ClientKey.read(KEYS.resolve("institution.pub.pem"));
    try (TestRegistry registry = TestRegistry.open(database)) {
      registry.addInstitution(BANK, "示范银行", bankPublic, List.of("LOAN_APPROVAL"), "DETAIL");
      registry.addInstitution(DISABLED_BANK, "停用银行", bankPublic, List.of("LOAN_APPROVAL"), "SUMMARY");
      registry.disableInstitution(DISABLED_BANK);
      registry.addRegulator(REGULATOR, "征信监管", ClientKey.read(KEYS.resolve("regulator.pub.pem")));
    }
    gateway = Gateway.start(config(database, Map.of()));
    base = "http://127.0.0.1:" + gateway.port();
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  static GatewayConfig config(DatabaseCoordinates database, Map<String, String> more) {
    Map<String, String> settings = new HashMap<>(Map.of(
        ConfigKeys.HTTP_PORT, "0",
        ConfigKeys.HTTP_HOST, "127.0.0.1",
        ConfigKeys.ISSUER, ISSUER,
        ConfigKeys.DB_URL, "postgresql://" + database.host() + ":" + database.port() + "/" + database.database(),
        ConfigKeys.DB_USER, database.user(),
        ConfigKeys.DB_PASSWORD, database.password()));
    settings.putAll(more);
    GatewayConfig config = GatewayConfig.from(Settings.defaults().with(settings));
    return config;
  }

  @Test
  void anInstitutionTradesAnAssertionForAnAccessTokenAndIsAdmittedToItsRoutes() throws Exception {
    HttpResponse<String> response = tokenRequest(assertion(BANK, bankKey));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("token_type")).isEqualTo("Bearer");
    assertThat(body.getInteger("expires_in")).isEqualTo(300);
    SignedJWT token = SignedJWT.parse(body.getString("access_token"));
    assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo(BANK);
    assertThat(token.getJWTClaimsSet().getStringClaim("role")).isEqualTo("institution");
    assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(issuer);

    HttpResponse<String> whoami = get("/v1/whoami", body.getString("access_token"));
    assertThat(new JsonObject(whoami.body())).isEqualTo(new JsonObject().put("role", "institution").put("id", BANK)
        .put("actor", "institution:" + BANK));
    // Past the guard: the consent capability answers there (404 until it exists), not 401 or 403.
    assertThat(get("/v1/consent-requests/" + UUID.randomUUID(), body.getString("access_token")).statusCode()).isEqualTo(404);
  }

  @Test
  void aReplayedAssertionIsRefused() throws Exception {
    String assertion = assertion(BANK, bankKey);
    assertThat(tokenRequest(assertion).statusCode()).isEqualTo(200);

    assertRefused(tokenRequest(assertion), "jti was already used");
  }

  @Test
  void twentyConcurrentRequestsWithOneAssertionYieldExactlyOneToken() {
    String assertion = assertion(BANK, bankKey);
    List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      requests.add(client.sendAsync(tokenRequestOf(assertion), HttpResponse.BodyHandlers.ofString()));
    }

    List<Integer> statuses = requests.stream().map(CompletableFuture::join).map(OpenApiContract::checked)
        .map(HttpResponse::statusCode).toList();

    assertThat(statuses).containsOnly(200, 401);
    assertThat(statuses.stream().filter(status -> status == 200)).hasSize(1);
  }

  @Test
  void aBadSignatureIsRefused() throws Exception {
    assertRefused(tokenRequest(assertion(BANK, regulatorKey)), "signature does not verify");
  }

  @Test
  void aWrongAudienceIsRefused() throws Exception {
    assertRefused(tokenRequest(DevTokens.clientAssertion(BANK, "https://another-gateway.example", bankKey, Instant.now())),
        "aud must be");
  }

  @Test
  void anExpiredAssertionIsRefused() throws Exception {
    assertRefused(tokenRequest(DevTokens.clientAssertion(BANK, issuer, bankKey, Instant.now().minus(Duration.ofMinutes(10)))),
        "has expired");
  }

  @Test
  void anExpiryTooFarAheadIsRefused() throws Exception {
    assertRefused(tokenRequest(signed(claims(BANK).expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(30)))), bankKey)),
        "more than 5 minutes ahead");
  }

  @Test
  void algNoneIsRefused() throws Exception {
    String header = Base64URL.encode("{\"alg\":\"none\"}").toString();
    String payload = Base64URL.encode(claims(BANK).build().toString()).toString();

    assertRefused(tokenRequest(header + "." + payload + "."), "");
  }

  @Test
  void hmacSignedWithTheRegisteredPublicKeyIsRefused() throws Exception {
    byte[] publicKeyBytes = PemFiles.readPublicKey(KEYS.resolve("institution.pub.pem")).getEncoded();
    SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(BANK).build());
    forged.sign(new MACSigner(publicKeyBytes));

    assertRefused(tokenRequest(forged.serialize()), "algorithm HS256 is not accepted");
  }

  @Test
  void anAssertionCarryingItsOwnKeyIsCheckedAgainstTheRegisteredKeyOnly() throws Exception {
    java.security.KeyPair attacker = org.consentgateway.crypto.KeyType.EC_P256.generateKeyPair();
    com.nimbusds.jose.jwk.ECKey attackerJwk = new com.nimbusds.jose.jwk.ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_256,
        (java.security.interfaces.ECPublicKey) attacker.getPublic()).build();
    SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).jwk(attackerJwk)
        .jwkURL(URI.create("https://attacker.example/jwks.json")).build(), claims(BANK).build());
    forged.sign(new com.nimbusds.jose.crypto.ECDSASigner((java.security.interfaces.ECPrivateKey) attacker.getPrivate()));

    assertRefused(tokenRequest(forged.serialize()), "signature does not verify with the registered key");
  }

  @Test
  void anAssertionWithAnUnknownCriticalHeaderIsRefused() throws Exception {
    SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).criticalParams(java.util.Set.of("urn:x:policy"))
        .customParam("urn:x:policy", "strict").build(), claims(BANK).build());
    assertion.sign(new com.nimbusds.jose.crypto.ECDSASigner((java.security.interfaces.ECPrivateKey) bankKey));

    assertRefused(tokenRequest(assertion.serialize()), "critical header parameters");
  }

  @Test
  void anUnknownOrDisabledClientIsRefused() throws Exception {
    assertRefused(tokenRequest(assertion(UnifiedSocialCreditCode.of("91440300MA5FQ0001").value(), bankKey)), "is not registered");
    assertRefused(tokenRequest(assertion(DISABLED_BANK, bankKey)), "is disabled");
  }

  @Test
  void anOversizedAssertionIsRefusedUnread() throws Exception {
    JWTClaimsSet huge = claims(BANK).claim("padding", "x".repeat(9000)).build();

    assertRefused(tokenRequest(DevTokens.sign(huge, bankKey, null)), "larger than 8192 bytes");
  }

  @Test
  void anotherGrantTypeIsAnInvalidRequest() throws Exception {
    HttpResponse<String> response = post("grant_type=password&username=a&password=b");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("error")).isEqualTo("unsupported_grant_type");
    assertThat(body.getString("code")).isEqualTo("invalid_request");
  }

  @Test
  void aBodyThatIsNotAFormIsAnUnsupportedMediaType() throws Exception {
    String form = form(assertion(BANK, bankKey));
    for (String type : new String[] {"application/json", "text/plain", "multipart/form-data; boundary=x"}) {
      HttpResponse<String> response = OpenApiContract.checked(client.send(HttpRequest.newBuilder(URI.create(base + "/v1/oauth/token"))
          .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()));

      assertThat(response.statusCode()).as(type).isEqualTo(415);
      JsonObject body = new JsonObject(response.body());
      assertThat(body.getString("code")).isEqualTo("unsupported_media_type");
      assertThat(body.getString("error")).isEqualTo("invalid_request");
      assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }
  }

  @Test
  void aFormThatDoesNotDecodeIsAnInvalidRequest() throws Exception {
    for (String form : new String[] {"%=a", "grant_type=%zz%", "grant_type=client_credentials&%"}) {
      HttpResponse<String> response = post(form);

      assertThat(response.statusCode()).as(form).isEqualTo(400);
      assertThat(new JsonObject(response.body()).getString("code")).isEqualTo("invalid_request");
    }
  }

  @Test
  void everyGuardedRouteRefusesMissingTokensAndOtherRoles() throws Exception {
    String bank = accessToken(BANK, bankKey);
    String regulator = accessToken(REGULATOR, regulatorKey);
    String citizen = citizenToken(CITIZEN_ID, Instant.now());

    HttpResponse<String> anonymous = get("/v1/queries", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(new JsonObject(anonymous.body()).getString("code")).isEqualTo("unauthenticated");

    assertForbidden(get("/v1/me/consents", bank));
    assertForbidden(get("/v1/queries", regulator));
    assertForbidden(get("/v1/queries", citizen));
    assertForbidden(get("/v1/audit/entries?start=0&end=1", bank));
    assertForbidden(get("/v1/disputes", regulator));
    assertThat(get("/v1/me/consents", citizen).statusCode()).isEqualTo(200);
    JsonObject citizenSeen = new JsonObject(get("/v1/whoami", citizen).body());
    assertThat(citizenSeen.getString("role")).isEqualTo("citizen");
    assertThat(citizenSeen.getString("id")).matches("[0-9a-f]{64}").isNotEqualTo(CITIZEN_ID);
    assertThat(get("/v1/whoami", null).statusCode()).isEqualTo(401);
    assertThat(get("/v1/audit/entries?start=0&end=1", regulator).statusCode()).isEqualTo(200);
  }

  @Test
  void badCitizenTokensAreRefusedWithoutEchoingTheIdNumber() throws Exception {
    HttpResponse<String> expired = get("/v1/me/consents", citizenToken(CITIZEN_ID, Instant.now().minus(Duration.ofHours(2))));
    assertThat(expired.statusCode()).isEqualTo(401);

    JWTClaimsSet badIdn = new JWTClaimsSet.Builder().issuer(IdentityConfig.DEFAULT_IDP_ISSUER)
        .audience(IdentityConfig.DEFAULT_IDP_AUDIENCE).claim("idn", "110105194912310021")
        .expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
    HttpResponse<String> invalid = get("/v1/me/consents", DevTokens.sign(badIdn, identityProviderKey, null));
    assertThat(invalid.statusCode()).isEqualTo(401);
    assertThat(invalid.body()).contains("no valid resident ID number").doesNotContain("110105194912310021");

    HttpResponse<String> forged = get("/v1/me/consents", DevTokens.citizenToken(CITIZEN_ID, IdentityConfig.DEFAULT_IDP_ISSUER,
        IdentityConfig.DEFAULT_IDP_AUDIENCE, bankKey, Instant.now(), Duration.ofMinutes(5)));
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.body()).doesNotContain(CITIZEN_ID);
  }

  @Test
  void anOversizedBearerTokenIsRefused() throws Exception {
    assertThat(get("/v1/queries", "a".repeat(9000)).statusCode()).isEqualTo(401);
  }

  @Test
  void theJwksPublishesTheSigningKeyWithoutItsPrivatePart() throws Exception {
    HttpResponse<String> response = get("/.well-known/jwks.json", null);
    String accessToken = accessToken(BANK, bankKey);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonArray keys = new JsonObject(response.body()).getJsonArray("keys");
    JsonObject key = keys.getJsonObject(0);
    assertThat(key.getString("kid")).isEqualTo(SignedJWT.parse(accessToken).getHeader().getKeyID());
    assertThat(key.getString("alg")).isEqualTo("ES256");
    assertThat(key.getString("use")).isEqualTo("sig");
    assertThat(key.containsKey("d")).isFalse();
  }

  @Test
  void aClientOverItsRateIsToldWhenToRetry(DatabaseCoordinates database) throws Exception {
    try (Gateway strict = Gateway.start(config(database, Map.of(ConfigKeys.AUTH_RATE_BURST, "2", ConfigKeys.AUTH_RATE_PER_SECOND, "1")))) {
      String audience = ISSUER;
      String strictBase = "http://127.0.0.1:" + strict.port();
      List<HttpResponse<String>> responses = new ArrayList<>();
      // Burst 2, refilled at 1 a second: six quick requests cannot all pass, however slow the machine.
      for (int i = 0; i < 6; i++) {
        responses.add(OpenApiContract.checked(client.send(HttpRequest.newBuilder(URI.create(strictBase + "/v1/oauth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(DevTokens.clientAssertion(BANK, audience, bankKey, Instant.now())))).build(),
            HttpResponse.BodyHandlers.ofString())));
      }

      assertThat(responses.get(0).statusCode()).isEqualTo(200);
      assertThat(responses.get(1).statusCode()).isEqualTo(200);
      HttpResponse<String> limited = responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
      assertThat(limited.headers().firstValue("Retry-After")).contains("1");
      assertThat(new JsonObject(limited.body()).getString("code")).isEqualTo("rate_limited");
    }
  }

  private void assertRefused(HttpResponse<String> response, String because) {
    assertThat(response.statusCode()).isEqualTo(401);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("error")).isEqualTo("invalid_client");
    assertThat(body.getString("code")).isEqualTo("unauthenticated");
    assertThat(body.getString("error_description")).contains(because);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
  }

  private static void assertForbidden(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(response.body()).getString("code")).isEqualTo("forbidden");
  }

  private String accessToken(String clientId, PrivateKey key) throws Exception {
    HttpResponse<String> response = tokenRequest(assertion(clientId, key));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body()).getString("access_token");
  }

  private String citizenToken(String idNumber, Instant issuedAt) {
    return DevTokens.citizenToken(idNumber, IdentityConfig.DEFAULT_IDP_ISSUER, IdentityConfig.DEFAULT_IDP_AUDIENCE,
        identityProviderKey, issuedAt, Duration.ofHours(1));
  }

  private String assertion(String clientId, PrivateKey key) {
    return DevTokens.clientAssertion(clientId, issuer, key, Instant.now());
  }

  private JWTClaimsSet.Builder claims(String clientId) {
    return new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(issuer)
        .expirationTime(Date.from(Instant.now().plusSeconds(60))).jwtID(UUID.randomUUID().toString());
  }

  private static String signed(JWTClaimsSet.Builder claims, PrivateKey key) {
    return DevTokens.sign(claims.build(), key, null);
  }

  private HttpResponse<String> tokenRequest(String assertion) throws Exception {
    return OpenApiContract.checked(client.send(tokenRequestOf(assertion), HttpResponse.BodyHandlers.ofString()));
  }

  private HttpRequest tokenRequestOf(String assertion) {
    return HttpRequest.newBuilder(URI.create(base + "/v1/oauth/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(assertion)))
        .build();
  }

  private static String form(String assertion) {
    return "grant_type=client_credentials&client_assertion_type=" + URLEncoder.encode(ASSERTION_TYPE, StandardCharsets.UTF_8)
        + "&client_assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> post(String form) throws Exception {
    return OpenApiContract.checked(client.send(HttpRequest.newBuilder(URI.create(base + "/v1/oauth/token"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString()));
  }

  private HttpResponse<String> get(String path, String bearer) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return OpenApiContract.checked(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }
}
