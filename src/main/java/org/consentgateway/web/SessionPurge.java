package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the sessions past a timeout, every {@link #PERIOD}: they are refused already, so this
 * only keeps the table small (anyone can open an anonymous session by loading the sign-in page).
 */
final class SessionPurge {

  static final Duration PERIOD = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(SessionPurge.class);

  private final Vertx vertx;
  private final SessionStore store;
  private final Clock clock;
  private long timerId = -1;

  SessionPurge(Vertx vertx, SessionStore store, Clock clock) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.store = requireNonNull(store, "store is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  synchronized void start() {
    timerId = vertx.setPeriodic(PERIOD.toMillis(), id -> store.purge(clock.instant())
        .onFailure(failure -> LOG.warn("ended sessions could not be deleted yet: {}", failure.toString())));
  }

  synchronized void stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }
}
