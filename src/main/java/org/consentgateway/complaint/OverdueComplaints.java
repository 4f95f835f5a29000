package org.consentgateway.complaint;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The number of open complaints past their deadline, as the gauge {@code gateway.complaints.overdue}
 * in {@code /metrics}. A scrape must not wait on the database, so the count is refreshed in the
 * background: at start, every {@link #REFRESH_MILLIS}, and after each resolution.
 */
public final class OverdueComplaints {

  static final String METRIC = "gateway.complaints.overdue";
  static final long REFRESH_MILLIS = 60_000;

  private static final Logger LOG = LoggerFactory.getLogger(OverdueComplaints.class);

  private final Vertx vertx;
  private final ComplaintStore store;
  private final Clock clock;
  private final AtomicLong count = new AtomicLong();
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private long timerId = -1;

  public OverdueComplaints(Vertx vertx, ComplaintStore store, Clock clock, MeterRegistry metrics) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.store = requireNonNull(store, "store is null");
    this.clock = requireNonNull(clock, "clock is null");
    Gauge.builder(METRIC, count, AtomicLong::get)
        .description("Open complaints past their deadline")
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
  void refresh() {
    if (!refreshing.compareAndSet(false, true)) {
      return;
    }
    store.countOverdue(clock.instant())
        .onSuccess(count::set)
        .onFailure(error -> LOG.warn("could not count overdue complaints: {}", error.toString()))
        .onComplete(done -> refreshing.set(false));
  }

  long current() {
    return count.get();
  }
}
