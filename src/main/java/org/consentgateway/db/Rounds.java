package org.consentgateway.db;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A piece of background work done in rounds, one every interval on a Vert.x timer, and never two
 * at once: a round still under way when the next is due lets that one pass, so a slow database
 * does not pile rounds up. Starting and stopping are idempotent; stopping starts no new round and
 * tells when the one under way has finished (so its connections can be closed after it, not under it).
 */
public final class Rounds {

  private final Vertx vertx;
  private final Duration interval;
  private final Supplier<Future<?>> round;
  // Guarded by this: a tick and a stop on different threads must not both think they came last.
  private long timerId = -1;
  private boolean running;
  private Future<?> underWay = Future.succeededFuture();

  /** @param round starts one round; the future completes (either way) when it is over */
  public Rounds(Vertx vertx, Duration interval, Supplier<Future<?>> round) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.interval = requireNonNull(interval, "interval is null");
    this.round = requireNonNull(round, "round is null");
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException("a round's interval is at least 1 ms");
    }
  }

  public synchronized void start() {
    if (timerId >= 0) {
      return;
    }
    timerId = vertx.setPeriodic(interval.toMillis(), tick -> next());
  }

  /** Starts no more rounds; completes when the round under way, if any, has finished (either way). */
  public synchronized Future<Void> stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
    return underWay.transform(done -> Future.<Void>succeededFuture());
  }

  private synchronized void next() {
    if (timerId < 0 || running) {
      return;
    }
    running = true;
    Future<?> started;
    try {
      started = round.get();
    } catch (RuntimeException e) {
      running = false;
      throw e;
    }
    underWay = started;
    started.onComplete(done -> finished());
  }

  private synchronized void finished() {
    running = false;
  }
}
