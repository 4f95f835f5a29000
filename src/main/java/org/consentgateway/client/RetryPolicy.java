package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How often, and how long apart, a request is tried. Only what cannot have produced anything is
 * repeated (see {@link Transport}); this says how many times and how patiently.
 *
 * @param maxAttempts attempts in all, the first included (1 = never retry)
 * @param backoff the wait before the second attempt, doubled for each further one (when the gateway gives no {@code Retry-After})
 * @param maxRetryAfter the longest {@code Retry-After} the client waits by itself; a longer one is reported to the caller
 */
public record RetryPolicy(int maxAttempts, Duration backoff, Duration maxRetryAfter) {

  /** Three attempts, 200 ms then 400 ms apart, waiting up to 10 s when the gateway asks. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(10));

  public RetryPolicy {
    requireNonNull(backoff, "backoff is null");
    requireNonNull(maxRetryAfter, "maxRetryAfter is null");
    if (maxAttempts < 1 || backoff.isNegative() || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("a retry policy needs at least one attempt and no negative wait");
    }
  }

  Duration backoffBefore(int attempt) {
    return backoff.multipliedBy(1L << Math.min(attempt - 2, 16));
  }
}
