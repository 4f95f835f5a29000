package org.consentgateway.db;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A piece of background work done in rounds, one every interval on a Vert.x timer, and never two
 * at once: a round still under way when the next is due lets that one pass, so a slow database
 * does not pile rounds up. Starting and stopping are idempotent; stopping lets a round under way
 * finish on its own.
 */
public final class Rounds {

  private final Vertx vertx;
  private final Duration interval;
  private final Supplier<Future<?>> round;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicLong timerId = new AtomicLong(-1);

  /** @param round starts one round; the future completes (either way) when it is over */
  public Rounds(Vertx vertx, Duration interval, Supplier<Future<?>> round) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.interval = requireNonNull(interval, "interval is null");
    this.round = requireNonNull(round, "round is null");
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException("a round's interval is at least 1 ms");
    }
  }

  public void start() {
    if (timerId.get() >= 0) {
      return;
    }
    long id = vertx.setPeriodic(interval.toMillis(), tick -> next());
    if (!timerId.compareAndSet(-1, id)) {
      vertx.cancelTimer(id);
    }
  }

  public void stop() {
    long id = timerId.getAndSet(-1);
    if (id >= 0) {
      vertx.cancelTimer(id);
    }
  }

  private void next() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    Future<?> started;
    try {
      started = round.get();
    } catch (RuntimeException e) {
      running.set(false);
      throw e;
    }
    started.onComplete(done -> running.set(false));
  }
}
