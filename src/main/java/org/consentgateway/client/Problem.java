package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * An RFC 9457 problem as the gateway answered it.
 *
 * @param status the HTTP status
 * @param code the {@code code} member as sent ({@code unknown} when the answer had none)
 * @param detail the {@code detail} for people, never to match on
 * @param retryAfter the {@code Retry-After} header in seconds, when sent
 */
public record Problem(int status, String code, String detail, Optional<Duration> retryAfter) {

  public Problem {
    requireNonNull(code, "code is null");
    requireNonNull(detail, "detail is null");
    requireNonNull(retryAfter, "retryAfter is null");
  }

  /** The problem in a refusal; tolerant: an answer that is not problem JSON still yields one, by its status. */
  static Problem of(HttpResponse<byte[]> response) {
    String code = "unknown";
    String detail = "HTTP " + response.statusCode();
    try {
      Map<String, Object> body = Json.object(new String(response.body(), StandardCharsets.UTF_8), "problem");
      if (body.get("code") instanceof String text) {
        code = text;
      }
      if (body.get("detail") instanceof String text) {
        detail = text;
      }
    } catch (UnexpectedAnswerException notJson) {
      // a proxy's page or an empty body: the status is all there is
    }
    return new Problem(response.statusCode(), code, detail, retryAfter(response));
  }

  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(value -> {
      try {
        long seconds = Long.parseLong(value.trim());
        return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
      } catch (NumberFormatException httpDate) {
        return Optional.empty();
      }
    });
  }
}
