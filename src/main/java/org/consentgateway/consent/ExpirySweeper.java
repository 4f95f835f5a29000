package org.consentgateway.consent;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes down lapses nobody has read yet (issue 6 "Expiry"): every {@link
 * ConsentConfig#expirySweepInterval()} it marks the live consents and the PENDING requests past
 * their end EXPIRED, through {@link ConsentExpiry} (audit entry and webhook event, once each),
 * {@value #BATCH} rows per transaction, looping while a batch came back full.
 *
 * <p>Never blocks: all of it is asynchronous on the pool. Never overlaps itself in one process: a
 * tick that finds a sweep running does nothing. Gateways sharing a database may sweep at once; they
 * skip each other's locked rows, and each lapse is recorded by the one UPDATE that made it. A failed
 * round (database or audit log down) is logged without any personal data and retried next round.
 * Queries do not wait for the sweeper: they check the end themselves.
 */
public final class ExpirySweeper {

  /** Rows per transaction: each holds its rows' locks while their audit entries are appended. */
  static final int BATCH = 500;

  private static final Logger LOG = LoggerFactory.getLogger(ExpirySweeper.class);

  /** What one sweep marked. */
  public record Swept(int consents, int requests) {}

  private final Vertx vertx;
  private final ConsentExpiry expiry;
  private final Clock clock;
  private final Duration interval;
  private long timer = -1;
  private boolean stopped;
  private Future<Swept> running;

  public ExpirySweeper(Vertx vertx, ConsentExpiry expiry, Clock clock, Duration interval) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.expiry = requireNonNull(expiry, "expiry is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.interval = requireNonNull(interval, "interval is null");
  }

  /** Sweeps every interval from now on, the first time one interval from now. */
  public synchronized void start() {
    if (timer < 0 && !stopped) {
      timer = vertx.setPeriodic(Math.max(1, interval.toMillis()), id -> tick());
    }
  }

  /**
   * Stops the timer; the future completes when a sweep under way has finished (it starts no
   * further batch). Safe to call more than once.
   */
  public synchronized Future<Void> stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    return running == null ? Future.succeededFuture() : running.<Void>mapEmpty().otherwiseEmpty();
  }

  /**
   * One whole sweep at the clock's now: consents, then requests. If a sweep is already under way in
   * this sweeper, its future is returned instead of starting another. Fails when a round failed;
   * what earlier batches marked stays marked.
   */
  public synchronized Future<Swept> sweep() {
    if (running != null) {
      return running;
    }
    // Whole seconds, as the lifecycle's own times.
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Future<Swept> sweep;
    try {
      sweep = consents(now, 0).compose(consents -> requests(now, 0).map(requests -> new Swept(consents, requests)));
    } catch (RuntimeException e) {
      sweep = Future.failedFuture(e);
    }
    running = sweep;
    sweep.onComplete(done -> finished());
    return sweep;
  }

  private synchronized void finished() {
    running = null;
  }

  private void tick() {
    synchronized (this) {
      if (running != null || stopped) {
        return;
      }
    }
    sweep().onComplete(done -> {
      if (done.failed()) {
        // The cause names no person: SQL state, or the audit log's unavailability.
        LOG.warn("expiry sweep failed; retrying next round: {}", done.cause().toString());
      } else if (done.result().consents() + done.result().requests() > 0) {
        LOG.info("expiry sweep marked {} consents and {} requests EXPIRED", done.result().consents(), done.result().requests());
      }
    });
  }

  private Future<Integer> consents(Instant now, int sofar) {
    return expiry.expireDueConsents(now, BATCH)
        .compose(marked -> more(marked) ? consents(now, sofar + marked) : Future.succeededFuture(sofar + marked));
  }

  private Future<Integer> requests(Instant now, int sofar) {
    return expiry.expireDueRequests(now, BATCH)
        .compose(marked -> more(marked) ? requests(now, sofar + marked) : Future.succeededFuture(sofar + marked));
  }

  // A full batch may have left more behind; a stopping gateway starts no further one.
  private synchronized boolean more(int marked) {
    return marked == BATCH && !stopped;
  }
}
