package org.consentgateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.GatewayConfig;
import org.consentgateway.config.Settings;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.PrivacyScan;
import org.consentgateway.identity.DevTokens;
import org.consentgateway.identity.IdentityConfig;

/**
 * A test's view of one running gateway: obtains institution and citizen tokens the way real
 * callers do, sends JSON, checks gateway signatures against the published JWKS, and reads the
 * audit log straight from its table.
 */
final class GatewayClient {

  static final String ISSUER = "https://gateway.test";
  private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  GatewayClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  static GatewayConfig config(DatabaseCoordinates database) {
    Map<String, String> settings = new HashMap<>(Map.of(
        ConfigKeys.HTTP_PORT, "0",
        ConfigKeys.HTTP_HOST, "127.0.0.1",
        ConfigKeys.ISSUER, ISSUER,
        ConfigKeys.DB_URL, "postgresql://" + database.host() + ":" + database.port() + "/" + database.database(),
        ConfigKeys.DB_USER, database.user(),
        ConfigKeys.DB_PASSWORD, database.password(),
        // Sweeps only when a test asks for one: the gateways whose clocks run ahead would otherwise
        // expire other tests' requests at a moment no test chooses.
        ConfigKeys.CONSENT_EXPIRY_SWEEP_INTERVAL_MILLIS, "86400000"));
    return GatewayConfig.from(Settings.defaults().with(settings));
  }

  /** An institution access token, from a client assertion made at {@code now} (the gateway's time). */
  String institutionToken(String uscc, PrivateKey key, Instant now) throws Exception {
    String form = "grant_type=client_credentials&client_assertion_type=" + URLEncoder.encode(ASSERTION_TYPE, StandardCharsets.UTF_8)
        + "&client_assertion=" + URLEncoder.encode(DevTokens.clientAssertion(uscc, ISSUER, key, now), StandardCharsets.UTF_8);
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/oauth/token"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body()).getString("access_token");
  }

  /** A citizen token as the identity provider issues it, valid from {@code now} for an hour. */
  static String citizenToken(String idNumber, PrivateKey identityProviderKey, Instant now) {
    return DevTokens.citizenToken(idNumber, IdentityConfig.DEFAULT_IDP_ISSUER, IdentityConfig.DEFAULT_IDP_AUDIENCE,
        identityProviderKey, now, Duration.ofHours(1));
  }

  HttpResponse<String> get(String path, String bearer) throws Exception {
    return PrivacyScan.screened(http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearer)
        .build(), HttpResponse.BodyHandlers.ofString()));
  }

  HttpResponse<String> post(String path, String bearer, JsonObject body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearer);
    if (body == null) {
      request.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    }
    return PrivacyScan.screened(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  JsonObject json(HttpResponse<String> response, int expectedStatus) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return new JsonObject(response.body());
  }

  JsonArray jsonArray(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonArray(response.body());
  }

  /** Asserts a problem response with this status and code, and returns its body. */
  String assertProblem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
    assertThat(new JsonObject(response.body()).getString("code")).isEqualTo(code);
    return response.body();
  }

  /** The subjectRef the gateway knows this citizen by (their principal id). */
  String subjectRef(String citizenToken) throws Exception {
    return json(get("/v1/whoami", citizenToken), 200).getString("id");
  }

  /** Parses {@code token} and checks its ES256 signature with the JWKS key its {@code kid} names. */
  SignedJWT verifiedByJwks(String token) throws Exception {
    SignedJWT jwt = SignedJWT.parse(token);
    HttpResponse<String> jwks = http.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/jwks.json")).build(),
        HttpResponse.BodyHandlers.ofString());
    ECKey key = JWKSet.parse(jwks.body()).getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey();
    assertThat(jwt.verify(new ECDSAVerifier(key))).as("signature by JWKS key " + jwt.getHeader().getKeyID()).isTrue();
    return jwt;
  }

  /** Every audit entry so far, parsed strictly from the exact bytes that were hashed. */
  static List<AuditEntry> auditEntries(DatabaseCoordinates database) throws Exception {
    List<AuditEntry> entries = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select entry from audit_entries order by idx")) {
      while (rows.next()) {
        entries.add(AuditEntry.parse(rows.getBytes(1)));
      }
    }
    return entries;
  }

  /** Every row of {@code table} as JSON text (PostgreSQL's own rendering of each column). */
  static List<String> rowsAsText(DatabaseCoordinates database, String table) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select row_to_json(t)::text from " + table + " t")) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }

  static Path keys() {
    return Path.of("keys-example");
  }
}
