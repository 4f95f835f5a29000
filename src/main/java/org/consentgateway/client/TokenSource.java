package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the token endpoint for an access token ({@code client_credentials} with a client assertion,
 * docs/authentication.md). Safe to repeat: each attempt signs a new assertion, and a token asked
 * for twice is simply not used.
 */
final class TokenSource {

  private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  private final GatewayMetadata metadata;
  private final ClientAssertions assertions;
  private final Transport transport;
  private final Clock clock;
  private final Duration timeout;

  TokenSource(GatewayMetadata metadata, ClientAssertions assertions, Transport transport, Clock clock, Duration timeout) {
    this.metadata = requireNonNull(metadata, "metadata is null");
    this.assertions = requireNonNull(assertions, "assertions is null");
    this.transport = requireNonNull(transport, "transport is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
  }

  CompletableFuture<AccessTokens.Issued> fetch() {
    Instant asked = clock.instant();
    return transport.send(() -> Exchanges.request(metadata.tokenEndpoint(), timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode(ASSERTION_TYPE, StandardCharsets.UTF_8) + "&client_assertion=" + assertions.next()))
            .build(), Transport.Safety.REPEATABLE)
        .thenApply(response -> {
          Map<String, Object> json = Exchanges.json(response, 200, "the token answer");
          long lifetime = Json.number(json, "expires_in", "the token answer");
          if (lifetime <= 0) {
            throw new UnexpectedAnswerException("the token answer's expires_in is not positive");
          }
          return AccessTokens.Issued.of(Json.string(json, "access_token", "the token answer"), asked, Duration.ofSeconds(lifetime));
        });
  }
}
