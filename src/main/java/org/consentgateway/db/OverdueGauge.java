package org.consentgateway.db;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many cases (disputes, repair applications, complaints) are past their deadline, as a gauge in
 * {@code /metrics}. A scrape must not wait on the database, so the count is refreshed in the
 * background: at start, every {@link #REFRESH_MILLIS}, and after each change that can end a case.
 */
public final class OverdueGauge {

  public static final long REFRESH_MILLIS = 60_000;

  private static final Logger LOG = LoggerFactory.getLogger(OverdueGauge.class);

  private final Vertx vertx;
  private final String metric;
  private final Function<Instant, Future<Long>> countOverdue;
  private final Clock clock;
  private final AtomicLong count = new AtomicLong();
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private long timerId = -1;

  /**
   * @param metric the gauge's name, e.g. {@code gateway.disputes.overdue}
   * @param countOverdue counts the cases past their deadline at the given instant
   */
  public OverdueGauge(Vertx vertx, String metric, String description, Function<Instant, Future<Long>> countOverdue, Clock clock,
      MeterRegistry metrics) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.metric = requireNonNull(metric, "metric is null");
    this.countOverdue = requireNonNull(countOverdue, "countOverdue is null");
    this.clock = requireNonNull(clock, "clock is null");
    Gauge.builder(metric, count, AtomicLong::get)
        .description(requireNonNull(description, "description is null"))
        .register(requireNonNull(metrics, "metrics is null"));
  }

  public void start() {
    refresh();
    timerId = vertx.setPeriodic(REFRESH_MILLIS, id -> refresh());
  }

  public void stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
  }

  /** Counts again unless a count is already running; a failure keeps the last value and is logged. */
  public void refresh() {
    if (!refreshing.compareAndSet(false, true)) {
      return;
    }
    countOverdue.apply(clock.instant())
        .onSuccess(count::set)
        .onFailure(error -> LOG.warn("could not count for {}: {}", metric, error.toString()))
        .onComplete(done -> refreshing.set(false));
  }

  public long current() {
    return count.get();
  }
}
