package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets the ids of client assertions that have expired, every {@link #PERIOD}: an expired
 * assertion is refused on its {@code exp} alone, so its id no longer needs remembering. A purge is
 * one indexed delete; a failed one is logged and the next one catches up.
 */
public final class ReplayPurge {

  public static final Duration PERIOD = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(ReplayPurge.class);

  private final Vertx vertx;
  private final AssertionReplayGuard guard;
  private final Clock clock;
  private final Duration clockSkew;
  private long timerId = -1;

  public ReplayPurge(Vertx vertx, AssertionReplayGuard guard, Clock clock, Duration clockSkew) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.guard = requireNonNull(guard, "guard is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.clockSkew = requireNonNull(clockSkew, "clockSkew is null");
  }

  public synchronized void start() {
    timerId = vertx.setPeriodic(PERIOD.toMillis(), id -> guard.forgetExpired(clock.instant().minus(clockSkew))
        .onFailure(failure -> LOG.warn("expired assertion ids could not be forgotten yet: {}", failure.toString())));
  }

  public synchronized void stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }
}
