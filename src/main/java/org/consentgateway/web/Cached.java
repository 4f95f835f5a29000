package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A value fetched now and then: kept for {@code lifetime}, fetched again after it or after a
 * failure, and shared while a fetch is under way (many sign-ins at once make one request).
 */
final class Cached<T> {

  private final Supplier<Future<T>> fetch;
  private final Duration lifetime;
  private final Clock clock;
  private Future<T> current;
  private Instant fetchedAt = Instant.MIN;

  Cached(Supplier<Future<T>> fetch, Duration lifetime, Clock clock) {
    this.fetch = requireNonNull(fetch, "fetch is null");
    this.lifetime = requireNonNull(lifetime, "lifetime is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  synchronized Future<T> get() {
    return isUsable(lifetime) ? current : fetchNow();
  }

  /** A fresh fetch, unless the last one started less than {@code minimumAge} ago (a bound on what others can make us fetch). */
  synchronized Future<T> refresh(Duration minimumAge) {
    return isUsable(minimumAge) ? current : fetchNow();
  }

  private boolean isUsable(Duration age) {
    return current != null && !current.failed() && clock.instant().isBefore(fetchedAt.plus(age));
  }

  private Future<T> fetchNow() {
    fetchedAt = clock.instant();
    current = fetch.get();
    return current;
  }
}
