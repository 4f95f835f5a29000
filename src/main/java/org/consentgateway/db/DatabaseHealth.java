package org.consentgateway.db;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches whether the database answers, for the operator: one WARN when it goes away, one INFO
 * when it is back with how long it was gone, and {@value #FAILURES_METRIC} (Prometheus
 * {@code gateway_database_failures_total}) counting failures by {@link DatabaseFailure kind}.
 * Every {@link #PROBE_INTERVAL} it runs a probe (a trivial query on a connection of its own); a
 * probe not answered within {@link #PROBE_BUDGET} counts as a timeout, and no second probe starts
 * while one is still waiting, so a frozen database never gathers a queue of them.
 *
 * <p>Non-blocking; its callbacks run on Vert.x threads. Thread-safe.
 */
public final class DatabaseHealth implements AutoCloseable {

  /** With {@link #PROBE_BUDGET}: a database that stops answering is known to be away within 1.2 s. */
  public static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
  public static final Duration PROBE_BUDGET = Duration.ofMillis(700);
  public static final String FAILURES_METRIC = "gateway.database.failures";
  /** The kind of a failure that is none of {@link DatabaseFailure}'s. */
  static final String OTHER = "other";

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseHealth.class);

  private final Vertx vertx;
  private final Supplier<Future<Void>> probe;
  private final Duration budget;
  private final LongSupplier nanoTime;
  /** By {@link DatabaseFailure#label()}, and {@link #OTHER} for a failure that is no database failure. */
  private final Map<String, Counter> failures = new HashMap<>();
  private final AtomicBoolean probing = new AtomicBoolean();
  private final List<Runnable> outageListeners = new CopyOnWriteArrayList<>();
  /** Guarded by this. */
  private boolean down;
  private long downSinceNanos;
  private long timerId = -1;

  /**
   * @param probe succeeds when the database answers
   * @param budget how long a probe may take before it counts as a timeout
   * @param nanoTime a monotonic clock ({@code System::nanoTime}; tests move their own)
   */
  public DatabaseHealth(Vertx vertx, Supplier<Future<Void>> probe, MeterRegistry metrics, Duration budget,
      LongSupplier nanoTime) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.probe = requireNonNull(probe, "probe is null");
    this.budget = requireNonNull(budget, "budget is null");
    this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    requireNonNull(metrics, "metrics is null");
    Stream.concat(Arrays.stream(DatabaseFailure.values()).map(DatabaseFailure::label), Stream.of(OTHER))
        .forEach(kind -> failures.put(kind, Counter.builder(FAILURES_METRIC)
            .description("Failures of the database seen by the gateway (its probes, and requests that report them), by kind")
            .tag("kind", kind)
            .register(metrics)));
  }

  /** A watcher with the default budget and the system's monotonic clock, probing every {@link #PROBE_INTERVAL}. */
  public static DatabaseHealth start(Vertx vertx, Supplier<Future<Void>> probe, MeterRegistry metrics) {
    DatabaseHealth health = new DatabaseHealth(vertx, probe, metrics, PROBE_BUDGET, System::nanoTime);
    health.start(PROBE_INTERVAL);
    return health;
  }

  /** Probes every {@code interval} until {@link #close()}. */
  public synchronized void start(Duration interval) {
    if (timerId < 0) {
      timerId = vertx.setPeriodic(interval.toMillis(), id -> probe());
    }
  }

  /** True unless the last probe or reported failure said the database is away. */
  public synchronized boolean isUp() {
    return !down;
  }

  /**
   * Runs {@code listener} each time the database is found away (not again until it has been back);
   * on the thread that found it, so a listener only hands its work on.
   */
  public void whenAway(Runnable listener) {
    outageListeners.add(requireNonNull(listener, "listener is null"));
  }

  /**
   * Runs one probe now, unless one is still waiting for its answer. Its outcome is reported when it
   * arrives, or as a timeout once the budget has passed.
   */
  public void probe() {
    if (!probing.compareAndSet(false, true)) {
      return;
    }
    AtomicBoolean reported = new AtomicBoolean();
    long timer = vertx.setTimer(budget.toMillis(), id -> {
      if (reported.compareAndSet(false, true)) {
        failed(new TimeoutException("no answer within " + budget.toMillis() + " ms"));
      }
    });
    safely(probe).onComplete(outcome -> {
      vertx.cancelTimer(timer);
      probing.set(false);
      if (outcome.succeeded()) {
        answered(); // also after a timeout was reported: a slow answer is still an answer
      } else if (reported.compareAndSet(false, true)) {
        failed(outcome.cause());
      }
    });
  }

  /** A request or probe that the database failed: counted by kind, and the database marked away. */
  public void failed(Throwable failure) {
    String kind = DatabaseFailure.of(failure).map(DatabaseFailure::label).orElse(OTHER);
    failures.get(kind).increment();
    synchronized (this) {
      if (down) {
        return;
      }
      down = true;
      downSinceNanos = nanoTime.getAsLong();
    }
    LOG.warn("The database does not answer ({}): requests that need it fail until it is back, which the next line from here "
        + "will say", kind);
    outageListeners.forEach(Runnable::run);
  }

  /** The database answered: if it was away, it is back. */
  public void answered() {
    long outageNanos;
    synchronized (this) {
      if (!down) {
        return;
      }
      down = false;
      outageNanos = nanoTime.getAsLong() - downSinceNanos;
    }
    LOG.info("The database answers again, after an outage of {} s", String.format(Locale.ROOT, "%.1f", outageNanos / 1e9));
  }

  @Override
  public synchronized void close() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  private static Future<Void> safely(Supplier<Future<Void>> probe) {
    try {
      return probe.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
