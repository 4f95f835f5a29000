package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the sessions past a timeout, every {@link #PERIOD}: they are refused already, so this
 * only keeps the table small (anyone can open an anonymous session by loading the sign-in page).
 */
public final class SessionPurge {

  static final Duration PERIOD = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(SessionPurge.class);

  private final Vertx vertx;
  private final Function<Instant, Future<Integer>> purge;
  private final Clock clock;
  private long timerId = -1;

  /** @param purge deletes the sessions past a timeout at the time it is given (the citizen app's, the console's) */
  public SessionPurge(Vertx vertx, Function<Instant, Future<Integer>> purge, Clock clock) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.purge = requireNonNull(purge, "purge is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public synchronized void start() {
    timerId = vertx.setPeriodic(PERIOD.toMillis(), id -> purge.apply(clock.instant())
        .onFailure(failure -> LOG.warn("ended sessions could not be deleted yet: {}", failure.toString())));
  }

  public synchronized void stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }
}
