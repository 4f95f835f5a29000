package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The client's HTTP exchanges with the gateway: requests built the one way (HTTP/1.1, a timeout,
 * the bearer token), a refused token renewed once (a 401 did nothing), and answers other than the
 * expected status turned into typed problems.
 */
final class Exchanges {

  private final Transport transport;
  private final AccessTokens tokens;
  private final Duration timeout;

  Exchanges(Transport transport, AccessTokens tokens, Duration timeout) {
    this.transport = requireNonNull(transport, "transport is null");
    this.tokens = requireNonNull(tokens, "tokens is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
  }

  static HttpRequest.Builder request(URI uri, Duration timeout) {
    return HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json, application/problem+json");
  }

  CompletableFuture<HttpResponse<byte[]>> get(URI uri) {
    return authorized(token -> request(uri, timeout).header("Authorization", "Bearer " + token).GET().build(),
        Transport.Safety.REPEATABLE);
  }

  /** A POST of JSON that may act on the gateway: never repeated once it may have arrived. */
  CompletableFuture<HttpResponse<byte[]>> postOnce(URI uri, String json) {
    return authorized(token -> request(uri, timeout).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(), Transport.Safety.ONCE);
  }

  CompletableFuture<HttpResponse<byte[]>> getPublic(URI uri) {
    return transport.send(() -> request(uri, timeout).GET().build(), Transport.Safety.REPEATABLE);
  }

  private CompletableFuture<HttpResponse<byte[]>> authorized(Function<String, HttpRequest> request, Transport.Safety safety) {
    return tokens.current().thenCompose(token -> transport.send(() -> request.apply(token), safety)
        .thenCompose(response -> {
          if (response.statusCode() != 401) {
            return CompletableFuture.completedFuture(response);
          }
          // Refused at the door, so nothing was done: renew the token (the gateway may have
          // restarted or rotated its key) and try once more.
          tokens.refused(token);
          return tokens.current().thenCompose(fresh -> transport.send(() -> request.apply(fresh), safety));
        }));
  }

  /** The body of an answer with {@code status}; any other answer is its typed problem. */
  static byte[] expect(HttpResponse<byte[]> response, int status) {
    if (response.statusCode() != status) {
      throw GatewayProblemException.of(Problem.of(response));
    }
    return response.body();
  }

  static Map<String, Object> json(HttpResponse<byte[]> response, int status, String what) {
    return Json.object(new String(expect(response, status), StandardCharsets.UTF_8), what);
  }
}
