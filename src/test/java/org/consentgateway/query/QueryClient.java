package org.consentgateway.query;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A test's view of one running gateway: institution and citizen tokens obtained the way real
 * callers obtain them, JSON requests, and the audit log read straight from its table.
 */
final class QueryClient {

  static final String ISSUER = "https://gateway.test";
  private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  QueryClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** A gateway on {@code database} with the policies in {@code policies}; a generous rate limit for the race test. */
  static GatewayConfig config(DatabaseCoordinates database, Path policies) {
    Map<String, String> settings = Map.of(
        ConfigKeys.HTTP_PORT, "0",
        ConfigKeys.HTTP_HOST, "127.0.0.1",
        ConfigKeys.ISSUER, ISSUER,
        ConfigKeys.DB_URL, "postgresql://" + database.host() + ":" + database.port() + "/" + database.database(),
        ConfigKeys.DB_USER, database.user(),
        ConfigKeys.DB_PASSWORD, database.password(),
        ConfigKeys.POLICIES_DIR, policies.toString(),
        ConfigKeys.AUTH_RATE_PER_SECOND, "10000",
        ConfigKeys.AUTH_RATE_BURST, "10000",
        // No sweep during a test: the gateway whose clock runs ahead would expire other tests' requests.
        ConfigKeys.CONSENT_EXPIRY_SWEEP_INTERVAL_MILLIS, "86400000");
    return GatewayConfig.from(Settings.defaults().with(settings));
  }

  String institutionToken(String uscc, PrivateKey key, Instant now) throws Exception {
    String form = "grant_type=client_credentials&client_assertion_type=" + URLEncoder.encode(ASSERTION_TYPE, StandardCharsets.UTF_8)
        + "&client_assertion=" + URLEncoder.encode(DevTokens.clientAssertion(uscc, ISSUER, key, now), StandardCharsets.UTF_8);
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/oauth/token"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body()).getString("access_token");
  }

  static String citizenToken(String idNumber, PrivateKey identityProviderKey, Instant now) {
    return DevTokens.citizenToken(idNumber, IdentityConfig.DEFAULT_IDP_ISSUER, IdentityConfig.DEFAULT_IDP_AUDIENCE,
        identityProviderKey, now, Duration.ofHours(1));
  }

  HttpResponse<String> get(String path, String bearer) throws Exception {
    return PrivacyScan.screened(http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearer)
        .build(), HttpResponse.BodyHandlers.ofString()));
  }

  HttpResponse<String> post(String path, String bearer, String body) throws Exception {
    return send("POST", path, bearer, body);
  }

  /** A request with {@code method}; an empty {@code body} sends none, any other is sent as JSON. */
  HttpResponse<String> send(String method, String path, String bearer, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearer);
    if (body.isEmpty()) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return PrivacyScan.screened(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  JsonObject json(HttpResponse<String> response, int expectedStatus) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return new JsonObject(response.body());
  }

  JsonArray jsonArray(HttpResponse<String> response, int expectedStatus) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return new JsonArray(response.body());
  }

  /** Asserts a problem response with this status and code, and returns its detail. */
  static String assertProblem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("code")).as(response.body()).isEqualTo(code);
    return String.valueOf(problem.getValue("detail"));
  }

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

  /** One value of a one-row, one-column query, as text. */
  static String scalar(DatabaseCoordinates database, String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }
}
