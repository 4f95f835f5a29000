package org.consentgateway.db;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded PostgreSQL of a running gateway up: every {@link #CHECK_INTERVAL} it looks
 * whether the postmaster is alive, and when it is gone starts it again ({@link
 * EmbeddedPostgres#restartIfStopped()}). A restart that fails is tried again after a back-off that
 * doubles from {@link #FIRST_BACKOFF} up to {@link #MAX_BACKOFF}, so a server that cannot start (a
 * full disk, a broken setting) costs one log line per attempt, not one per second.
 *
 * <p>The pools need nothing from it: they connect afresh on the next request once the server is
 * back. Its own daemon thread does the blocking work, never an event loop.
 */
public final class PostgresSupervisor implements AutoCloseable {

  public static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
  public static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(PostgresSupervisor.class);

  private final EmbeddedPostgres server;
  private final Duration firstBackoff;
  private final Duration maxBackoff;
  private final ScheduledExecutorService thread;
  /** Touched only on the supervisor's thread. */
  private int failedAttempts;
  private long nextAttemptNanos;

  private PostgresSupervisor(EmbeddedPostgres server, Duration firstBackoff, Duration maxBackoff) {
    this.server = requireNonNull(server, "server is null");
    this.firstBackoff = requireNonNull(firstBackoff, "firstBackoff is null");
    this.maxBackoff = requireNonNull(maxBackoff, "maxBackoff is null");
    this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread supervisor = new Thread(task, "postgres-supervisor");
      supervisor.setDaemon(true);
      return supervisor;
    });
  }

  /** Starts watching {@code server} with the default interval and back-off. */
  public static PostgresSupervisor start(EmbeddedPostgres server) {
    return start(server, CHECK_INTERVAL, FIRST_BACKOFF, MAX_BACKOFF);
  }

  /** As {@link #start(EmbeddedPostgres)} with other timings (tests make them short). */
  public static PostgresSupervisor start(EmbeddedPostgres server, Duration checkInterval, Duration firstBackoff,
      Duration maxBackoff) {
    PostgresSupervisor supervisor = new PostgresSupervisor(server, firstBackoff, maxBackoff);
    supervisor.thread.scheduleWithFixedDelay(supervisor::check, checkInterval.toMillis(), checkInterval.toMillis(),
        TimeUnit.MILLISECONDS);
    return supervisor;
  }

  /** Stops watching; a restart under way finishes first. The server itself is left as it is. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(PostgresProcess.START_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS)) {
        LOG.warn("the embedded PostgreSQL's supervisor did not stop in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void check() {
    if (failedAttempts > 0 && System.nanoTime() - nextAttemptNanos < 0) {
      return;
    }
    try {
      if (server.restartIfStopped()) {
        LOG.info("Restarted the embedded PostgreSQL on port {}: it had stopped (attempt {})", server.coordinates().port(),
            failedAttempts + 1);
        failedAttempts = 0;
      }
    } catch (RuntimeException e) {
      // Never let an exception end the schedule: the next attempt is the point of this class.
      failedAttempts++;
      Duration backoff = backoff(failedAttempts);
      nextAttemptNanos = System.nanoTime() + backoff.toNanos();
      LOG.warn("The embedded PostgreSQL on port {} is down and could not be restarted (attempt {}): {}; next attempt in {} s",
          server.coordinates().port(), failedAttempts, firstLine(e),
          String.format(Locale.ROOT, "%.1f", backoff.toMillis() / 1000.0));
    }
  }

  /** {@code first}, doubled per failed attempt, at most {@code max}. */
  Duration backoff(int failures) {
    Duration wait = firstBackoff;
    for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  /**
   * Only the first line: the rest is the tail of the server's own log, which can quote statements
   * and their values, and stays in postgres.log.
   */
  private static String firstLine(RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    int end = message.indexOf('\n');
    return end < 0 ? message.strip() : message.substring(0, end).strip().replaceFirst(":$", "") + " (see postgres.log)";
  }
}
