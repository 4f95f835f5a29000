package org.consentgateway.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import org.consentgateway.identity.DevTokens;
import org.consentgateway.identity.TokenIssuer;

/**
 * A command's view of a live gateway's HTTP API, as a client of it: an access token for a
 * registered client ({@code private_key_jwt}), then JSON calls with it. Blocking (command line).
 */
final class GatewayApiClient {

  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final URI base;
  private final String bearer;

  private GatewayApiClient(URI base, String bearer) {
    this.base = base;
    this.bearer = bearer;
  }

  /** Signs in as the registered client {@code clientId} with its private key; {@code audience} is the gateway's issuer URL. */
  static GatewayApiClient signIn(URI base, String clientId, PrivateKey key, String audience) throws IOException, InterruptedException {
    requireNonNull(base, "base is null");
    String form = "grant_type=client_credentials&client_assertion_type=" + URLEncoder.encode(TokenIssuer.ASSERTION_TYPE,
        StandardCharsets.UTF_8) + "&client_assertion=" + URLEncoder.encode(DevTokens.clientAssertion(clientId, audience, key,
        Instant.now()), StandardCharsets.UTF_8);
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/v1/oauth/token"))
            .timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("sign-in at " + base + " refused (" + response.statusCode() + "): " + response.body());
    }
    return as(base, JSON.readTree(response.body()).path("access_token").asText());
  }

  /** A client that calls with {@code bearer} (a citizen's token from the identity provider, say). */
  static GatewayApiClient as(URI base, String bearer) {
    return new GatewayApiClient(requireNonNull(base, "base is null"), requireNonNull(bearer, "bearer is null"));
  }

  /** GET {@code pathAndQuery}; the answer's body, which must come with a 200. */
  String get(String pathAndQuery) throws IOException, InterruptedException {
    return expect(200, http.send(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofString()));
  }

  /** GET {@code pathAndQuery}; the answer's bytes, which must come with a 200. */
  byte[] getBytes(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + response.uri().getPath() + " answered " + response.statusCode());
    }
    return response.body();
  }

  /** POST {@code json} to {@code path}; the answer's JSON, which must come with {@code status}. */
  JsonNode post(String path, String json, int status) throws IOException, InterruptedException {
    HttpRequest request = request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    return JSON.readTree(expect(status, http.send(request, HttpResponse.BodyHandlers.ofString())));
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(TIMEOUT).header("Authorization", "Bearer " + bearer);
  }

  private static String expect(int status, HttpResponse<String> response) throws IOException {
    if (response.statusCode() != status) {
      throw new IOException(response.request().method() + " " + response.uri().getPath() + " answered " + response.statusCode()
          + ": " + response.body());
    }
    return response.body();
  }
}
