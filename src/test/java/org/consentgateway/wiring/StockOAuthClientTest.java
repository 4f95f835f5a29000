package org.consentgateway.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.NpmPackage;
import org.consentgateway.http.OpenApiContract;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bank's integrator with a stock OAuth 2.0 client (the Nimbus OAuth 2.0 SDK in Java, and the npm
 * package openid-client under Node) and nothing but the gateway's issuer URL and the bank's key: it
 * discovers the token endpoint from the RFC 8414 metadata, authenticates with
 * {@code private_key_jwt} and gets an access token the gateway admits. The metadata itself lists
 * only URLs under the issuer, and what it says holds.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StockOAuthClientTest {

  private static final Path KEYS = Path.of("keys-example");
  /** The stock Node client, pinned (v6: discovery, PrivateKeyJwt and clientCredentialsGrant as functions). */
  private static final NpmPackage STOCK_NODE_CLIENT = new NpmPackage("openid-client@6.8.1", Path.of("target", "oauth-npm"));
  private static final Path NODE_SCRIPT = Path.of("src", "test", "resources", "oauth-interop", "client-credentials.mjs");
  private static final String BANK = "91350100M000100Y43";

  private final HttpClient http = HttpClient.newHttpClient();
  private Gateway gateway;
  private String issuer;

  @BeforeAll
  void start(DatabaseCoordinates database) {
    try (TestRegistry registry = TestRegistry.open(database)) {
      registry.addInstitution(BANK, "示范银行", ClientKey.read(KEYS.resolve("institution.pub.pem")), List.of("LOAN_APPROVAL"), "DETAIL");
    }
    // The issuer is the address the gateway really answers on: discovery fetches it.
    int port = TestDatabase.freePort();
    issuer = "http://127.0.0.1:" + port;
    gateway = Gateway.start(IdentityFlowTest.config(database, Map.of(ConfigKeys.HTTP_PORT, Integer.toString(port),
        ConfigKeys.ISSUER, issuer)));
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void aStockClientDiscoversTheTokenEndpointAndGetsATokenWithTheBanksKey() throws Exception {
    AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(new Issuer(issuer));
    assertThat(metadata.getTokenEndpointAuthMethods()).containsExactly(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
    assertThat(metadata.getTokenEndpointJWSAlgs()).contains(JWSAlgorithm.ES256);

    PrivateKeyJWT authentication = new PrivateKeyJWT(new ClientID(BANK), metadata.getTokenEndpointURI(), JWSAlgorithm.ES256,
        (ECPrivateKey) PemFiles.readPrivateKey(KEYS.resolve("institution.key.pem")), null, null);
    TokenResponse response = TokenResponse.parse(
        new TokenRequest(metadata.getTokenEndpointURI(), authentication, new ClientCredentialsGrant()).toHTTPRequest().send());

    assertThat(response.indicatesSuccess()).as(response.toHTTPResponse().getBody()).isTrue();
    AccessToken token = ((AccessTokenResponse) response).getTokens().getAccessToken();
    HttpResponse<String> whoami = http.send(HttpRequest.newBuilder(URI.create(
            (String) metadata.getCustomParameter("consent_gateway_whoami_endpoint")))
        .header("Authorization", token.toAuthorizationHeader()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(new JsonObject(whoami.body()).getString("actor")).isEqualTo("institution:" + BANK);
  }

  @Test
  void aStockNodeClientDiscoversTheGatewayAndGetsATokenWithTheBanksKey() throws Exception {
    Path modules = STOCK_NODE_CLIENT.modules("the stock Node OAuth client check");
    ProcessBuilder node = new ProcessBuilder("node", NODE_SCRIPT.toAbsolutePath().toString(), issuer, BANK,
        KEYS.resolve("institution.key.pem").toAbsolutePath().toString()).redirectErrorStream(true);
    node.environment().put("OAUTH_MODULES", modules.toString());
    Process process = node.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).startsWith("WHOAMI ");
    assertThat(new JsonObject(output.substring("WHOAMI ".length())).getString("actor")).isEqualTo("institution:" + BANK);
  }

  @Test
  void theMetadataNamesOnlyEndpointsUnderTheIssuerAndItsKeysAreTheGateways() throws Exception {
    // Held to the HTTP contract, docs/openapi.yaml, like every answer of the flow tests.
    HttpResponse<String> response = OpenApiContract.checked(http.send(HttpRequest.newBuilder(
        URI.create(issuer + "/.well-known/oauth-authorization-server")).build(), HttpResponse.BodyHandlers.ofString()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(response.headers().firstValue("Cache-Control")).contains("public, max-age=3600");
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("issuer")).isEqualTo(issuer);
    assertThat(body.getJsonArray("grant_types_supported").getList()).containsExactly("client_credentials");
    assertThat(body.getJsonArray("response_types_supported").getList()).isEmpty();
    for (String name : body.fieldNames()) {
      if (name.endsWith("_endpoint") || name.endsWith("_uri") || name.endsWith("_prefix") || name.equals("service_documentation")) {
        assertThat(body.getString(name)).as(name).startsWith(issuer + "/");
      }
    }
    assertThat(body.getString("consent_gateway_queries_endpoint")).isEqualTo(issuer + "/v1/queries");
    assertThat(body.getString("consent_gateway_consent_requests_endpoint")).isEqualTo(issuer + "/v1/consent-requests");
    // Each public URL it names answers.
    for (String name : List.of("jwks_uri", "consent_gateway_audit_verifier_key_endpoint", "consent_gateway_openapi_uri")) {
      assertThat(http.send(HttpRequest.newBuilder(URI.create(body.getString(name))).build(), HttpResponse.BodyHandlers.ofString())
          .statusCode()).as(name).isEqualTo(200);
    }
    JWKSet keys = JWKSet.load(URI.create(body.getString("jwks_uri")).toURL());
    assertThat(keys.getKeys()).isNotEmpty();
  }

}
