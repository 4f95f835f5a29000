package org.consentgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.PrivacyScan;
import org.consentgateway.identity.DevTokens;
import org.consentgateway.identity.IdentityConfig;

/**
 * A test's view of one running gateway over HTTP: tokens obtained the way real callers obtain
 * them, JSON requests, answers checked, and the audit log read straight from its table. Every
 * answer received is held to the HTTP contract ({@link OpenApiContract#checked}), and every
 * problem body is scanned for personal data ({@link PrivacyScan#screened}).
 */
public class GatewayHttpClient {

  public static final String ISSUER = "https://gateway.test";
  private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  public GatewayHttpClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /**
   * The settings of a test gateway on {@code database}: any free port on the loopback, the test
   * issuer, and no expiry sweeps unless a test asks for one (gateways whose clocks run ahead would
   * otherwise expire other tests' requests at a moment no test chooses).
   */
  public static Map<String, String> settings(DatabaseCoordinates database) {
    return Map.of(
        ConfigKeys.HTTP_PORT, "0",
        ConfigKeys.HTTP_HOST, "127.0.0.1",
        ConfigKeys.ISSUER, ISSUER,
        ConfigKeys.DB_URL, "postgresql://" + database.host() + ":" + database.port() + "/" + database.database(),
        ConfigKeys.DB_USER, database.user(),
        ConfigKeys.DB_PASSWORD, database.password(),
        ConfigKeys.CONSENT_EXPIRY_SWEEP_INTERVAL_MILLIS, "86400000");
  }

  /** An access token for a registered client (institution, regulator or operator), asserted at {@code now}, the gateway's time. */
  public String accessToken(String clientId, PrivateKey key, Instant now) throws Exception {
    return accessToken(clientId, key, now, ISSUER);
  }

  /** An access token as {@link #accessToken(String, PrivateKey, Instant)}, from a gateway whose issuer is {@code issuer}. */
  public String accessToken(String clientId, PrivateKey key, Instant now, String issuer) throws Exception {
    String form = "grant_type=client_credentials&client_assertion_type=" + URLEncoder.encode(ASSERTION_TYPE, StandardCharsets.UTF_8)
        + "&client_assertion=" + URLEncoder.encode(DevTokens.clientAssertion(clientId, issuer, key, now), StandardCharsets.UTF_8);
    HttpResponse<String> response = OpenApiContract.checked(http.send(HttpRequest.newBuilder(URI.create(base + "/v1/oauth/token"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body()).getString("access_token");
  }

  /** A citizen token as the identity provider issues it, valid from {@code now} for an hour. */
  public static String citizenToken(String idNumber, PrivateKey identityProviderKey, Instant now) {
    return DevTokens.citizenToken(idNumber, IdentityConfig.DEFAULT_IDP_ISSUER, IdentityConfig.DEFAULT_IDP_AUDIENCE,
        identityProviderKey, now, Duration.ofHours(1));
  }

  public HttpResponse<String> get(String path, String bearer) throws Exception {
    return send("GET", path, bearer, "");
  }

  public HttpResponse<String> post(String path, String bearer, String body) throws Exception {
    return send("POST", path, bearer, body);
  }

  /** A POST of {@code body} as JSON. */
  public HttpResponse<String> post(String path, String bearer, JsonObject body) throws Exception {
    return post(path, bearer, body.encode());
  }

  /** A request with {@code method}; an empty {@code body} sends none, any other is sent as JSON. */
  public HttpResponse<String> send(String method, String path, String bearer, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearer);
    if (body.isEmpty()) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return PrivacyScan.screened(OpenApiContract.checked(http.send(request.build(), HttpResponse.BodyHandlers.ofString())));
  }

  /** A public GET, with no Authorization header. */
  public HttpResponse<String> getPublic(String path) throws Exception {
    return OpenApiContract.checked(http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString()));
  }

  public JsonObject json(HttpResponse<String> response, int expectedStatus) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return new JsonObject(response.body());
  }

  /** A 200 answer's JSON array. */
  public JsonArray jsonArray(HttpResponse<String> response) {
    return jsonArray(response, 200);
  }

  public JsonArray jsonArray(HttpResponse<String> response, int expectedStatus) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return new JsonArray(response.body());
  }

  /** Asserts a problem response with this status and code, and returns its detail. */
  public static String assertProblem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("code")).as(response.body()).isEqualTo(code);
    return String.valueOf(problem.getValue("detail"));
  }

  /** Every audit entry so far, parsed strictly from the exact bytes that were hashed. */
  public static List<AuditEntry> auditEntries(DatabaseCoordinates database) throws Exception {
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
}
