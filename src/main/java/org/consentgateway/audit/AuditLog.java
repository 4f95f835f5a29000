package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.consentgateway.db.Blocking;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;

/**
 * The audit log's appender, group-committing (docs/design.md "The audit log"): {@link #append} queues an
 * event; one batch at a time takes up to {@link AuditConfig#batchMaxEntries()} queued events and
 * writes them atomically, serialised by the log head's row ({@link BatchWriter}); when they
 * commit, every event's future completes with its {@link AppendedEntry}. An idle appender waits up to {@link
 * AuditConfig#batchMaxWait()} for a batch to fill; a backlog that built up during a transaction
 * goes at once. Several appenders (other processes) on one database extend one sequence.
 *
 * <p>While a batch is in PostgreSQL, the events queued behind it are placed in memory after it
 * (indexes, hashes, tree nodes: the JVM's part of a batch), so the next transaction has only the
 * database's part left. The writer uses that placement only if the head it finds is the one it was
 * made on; otherwise it places the batch again.
 *
 * <p>Thread-safe: {@link #append} may be called from any thread or context and never blocks. Its
 * future completes on the caller's context (or on the appender's own, for a caller outside
 * Vert.x). The batch state lives on one event-loop context of its own and is touched nowhere else.
 */
public final class AuditLog {

  private static final Duration HOME_DEPLOY_TIMEOUT = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final Context context;
  private final AuditConfig config;
  private final BatchWriter writer;

  /** Entries accepted but not yet taken into a transaction; counts against the capacity. */
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final Promise<Void> closed = Promise.promise();
  private final Counters counters = new Counters();

  // Confined to `context`.
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  /** The batch in a transaction now, while {@code state} is WRITING. */
  private List<Pending> writing = List.of();
  /** The batch to write next, taken from the queue and placed after {@code writing}; null when none. */
  private Ahead ahead;
  private State state = State.IDLE;
  private long timerId;
  private boolean stopped;

  private enum State { IDLE, WAITING, WRITING }

  /**
   * An appender writing through {@code pool} (whose sessions must keep PostgreSQL's default
   * {@code synchronous_commit = on}: a future completes when COMMIT returns). {@code clock} gives
   * each batch's {@code recorded_at}; the entry's own time is the event's. Blocks while it
   * deploys its home on Vert.x: build it at start-up, never on an event loop.
   */
  public AuditLog(Vertx vertx, Pool pool, AuditConfig config, Clock clock) {
    this(vertx, pool, config, clock, RecentEntries.none());
  }

  /** {@link #AuditLog(Vertx, Pool, AuditConfig, Clock)} keeping the entries it commits last in {@code recent}. */
  public AuditLog(Vertx vertx, Pool pool, AuditConfig config, Clock clock, RecentEntries recent) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.config = requireNonNull(config, "config is null");
    this.writer = new BatchWriter(pool, clock, recent);
    if (Vertx.currentContext() != null) {
      throw new IllegalStateException("the audit log is built at start-up, not on a Vert.x thread");
    }
    // A context of its own, whatever thread builds the log: batches never run on a worker, and
    // never share a context (and its ordering) with a caller's verticle. Each deployed verticle
    // gets an event-loop context of its own; that is all this one is for.
    Home home = new Home();
    Blocking.await(vertx.deployVerticle(home), HOME_DEPLOY_TIMEOUT);
    this.context = home.context();
  }

  /** A verticle that does nothing: deploying it gives the appender an event-loop context of its own. */
  private static final class Home extends AbstractVerticle {
    Context context() {
      return context;
    }
  }

  /**
   * Appends {@code event}; the future completes only after the entry is committed. It fails with
   * {@link AuditUnavailableException} at once when the queue is full or the log is closing, and
   * later when the batch's transaction failed: then nothing of that batch is in the log and no
   * index was used up.
   */
  public Future<AppendedEntry> append(AuditEvent event) {
    return accept(new AppendBatch.Append(event, Optional.empty()));
  }

  /**
   * {@link #append} for an answer to sign: the entry records the SHA-256 of the answer's signature
   * base, built once the index is known, and the committed entry carries the answer
   * ({@link AppendedEntry#answer()}) for the caller to sign and send.
   */
  public Future<AppendedEntry> append(AuditEvent event, AnswerToBind answer) {
    return accept(new AppendBatch.Append(event, Optional.of(requireNonNull(answer, "answer is null"))));
  }

  private Future<AppendedEntry> accept(AppendBatch.Append append) {
    requireNonNull(append.event(), "event is null");
    if (closing.get()) {
      counters.rejected.incrementAndGet();
      return Future.failedFuture(new AuditUnavailableException("the audit log is closed"));
    }
    if (waiting.incrementAndGet() > config.queueCapacity()) {
      waiting.decrementAndGet();
      counters.rejected.incrementAndGet();
      return Future.failedFuture(new AuditUnavailableException("the audit queue is full"));
    }
    Context caller = Vertx.currentContext();
    Pending pending = new Pending(append, Promise.promise(), caller);
    if (caller == context) {
      enqueue(pending);
    } else {
      context.runOnContext(nothing -> enqueue(pending));
    }
    return pending.promise().future();
  }

  /**
   * {@link #append} for a change that appends its entry inside its own transaction, after its rows
   * and before COMMIT: when the entry cannot be committed the failure is 503 {@code unavailable},
   * so the change rolls back and its caller is told nothing was changed.
   */
  public Future<AppendedEntry> appendWithinChange(AuditEvent event) {
    return append(event).recover(failure -> Future.failedFuture(
        new ProblemException(ErrorCode.UNAVAILABLE, "The audit log is not reachable; nothing was changed. Try again.")));
  }

  /**
   * Refuses new appends, writes everything already accepted, then completes. Safe to call more
   * than once; every call returns the same future.
   */
  public Future<Void> close() {
    if (closing.compareAndSet(false, true)) {
      context.runOnContext(nothing -> {
        if (state == State.WAITING) {
          vertx.cancelTimer(timerId);
          writeBatch();
        } else if (state == State.IDLE) {
          stop();
        }
      });
    }
    return closed.future();
  }

  /** The counters now. */
  public AuditLogStats stats() {
    return new AuditLogStats(
        counters.committedBatches.get(), counters.committedEntries.get(),
        counters.failedBatches.get(), counters.failedEntries.get(),
        counters.rejected.get(), waiting.get());
  }

  // ---- on `context` only ----

  private void enqueue(Pending pending) {
    if (stopped) {
      // Accepted just before close() and delivered after the last batch: refused, never lost.
      waiting.decrementAndGet();
      counters.rejected.incrementAndGet();
      pending.fail(new AuditUnavailableException("the audit log is closed"));
      return;
    }
    queue.add(pending);
    boolean full = queue.size() >= config.batchMaxEntries();
    if (state == State.IDLE) {
      if (full || closing.get() || config.batchMaxWait().isZero()) {
        writeBatch();
      } else {
        state = State.WAITING;
        // Vert.x timers have millisecond resolution: a sub-millisecond wait rounds up to 1 ms.
        long delay = Math.max(1, config.batchMaxWait().toMillis());
        timerId = vertx.setTimer(delay, id -> context.runOnContext(nothing -> waitOver(id)));
      }
    } else if (state == State.WAITING && full) {
      vertx.cancelTimer(timerId);
      writeBatch();
    }
  }

  private void waitOver(long id) {
    if (state == State.WAITING && id == timerId) {
      writeBatch();
    }
  }

  /** Takes up to batchMaxEntries from the queue into one transaction: at most one at a time. */
  private void writeBatch() {
    write(take(), writer::write);
  }

  private List<Pending> take() {
    int size = Math.min(queue.size(), config.batchMaxEntries());
    List<Pending> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      batch.add(queue.poll());
    }
    waiting.addAndGet(-size);
    return batch;
  }

  private void write(List<Pending> batch, Function<List<AppendBatch.Append>, BatchWriter.Written> send) {
    state = State.WRITING;
    writing = batch;
    List<AppendBatch.Append> events = appends(batch);
    BatchWriter.Written written;
    try {
      written = send.apply(events);
    } catch (RuntimeException e) {
      written = new BatchWriter.Written(Future.failedFuture(e), Future.failedFuture(e));
    }
    // Back onto `context` whatever thread the pool completes on: the placement first, then the commit.
    written.placed().onSuccess(placed -> context.runOnContext(nothing -> placeAhead(batch, placed)));
    written.committed().onComplete(result -> context.runOnContext(nothing -> batchDone(batch, result)));
  }

  /** While {@code batch} is in PostgreSQL, places the events queued behind it after it. */
  private void placeAhead(List<Pending> batch, AppendBatch placed) {
    if (writing != batch || ahead != null || queue.isEmpty()) {
      return;
    }
    List<Pending> next = take();
    Function<List<AppendBatch.Append>, BatchWriter.Written> send;
    try {
      AppendBatch placement = AppendBatch.placeBinding(placed.next(), placed.nextFrontier(), appends(next));
      send = events -> writer.write(placement, events);
    } catch (RuntimeException e) {
      send = writer::write; // placed again under the lock, where the failure is the batch's
    }
    ahead = new Ahead(next, send);
  }

  private static List<AppendBatch.Append> appends(List<Pending> batch) {
    List<AppendBatch.Append> events = new ArrayList<>(batch.size());
    batch.forEach(pending -> events.add(pending.append()));
    return events;
  }

  private void batchDone(List<Pending> batch, AsyncResult<List<AppendedEntry>> result) {
    // The batch placed ahead goes first (whether or not this one committed: the writer checks the
    // head it was placed on); then a backlog, which has waited for a whole transaction already.
    // Either way its first round trips overlap with answering this batch's callers.
    if (ahead != null) {
      Ahead next = ahead;
      ahead = null;
      write(next.batch(), next.send());
    } else if (!queue.isEmpty()) {
      writeBatch();
    } else {
      state = State.IDLE;
      writing = List.of();
    }
    if (result.succeeded()) {
      counters.committedBatches.incrementAndGet();
      counters.committedEntries.addAndGet(batch.size());
      List<AppendedEntry> appended = result.result();
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).complete(appended.get(i));
      }
    } else {
      counters.failedBatches.incrementAndGet();
      counters.failedEntries.addAndGet(batch.size());
      for (Pending pending : batch) {
        pending.fail(new AuditUnavailableException(
            "the audit batch could not be committed", result.cause()));
      }
    }
    if (state == State.IDLE && queue.isEmpty() && closing.get()) {
      stop();
    }
  }

  private void stop() {
    stopped = true;
    // The home stays deployed until Vert.x closes: a late append still needs its context to be refused.
    closed.tryComplete();
  }

  /** The next batch, taken from the queue while the one before it is in PostgreSQL, and how to write it (with its placement). */
  private record Ahead(List<Pending> batch, Function<List<AppendBatch.Append>, BatchWriter.Written> send) {}

  /** An event waiting for its transaction, and where to tell its caller. */
  private record Pending(AppendBatch.Append append, Promise<AppendedEntry> promise, Context caller) {

    void complete(AppendedEntry entry) {
      onCallersContext(() -> promise.complete(entry));
    }

    void fail(AuditUnavailableException failure) {
      onCallersContext(() -> promise.fail(failure));
    }

    // A caller on an event loop gets its result on that loop, as Vert.x code expects.
    private void onCallersContext(Runnable action) {
      if (caller == null || caller == Vertx.currentContext()) {
        action.run();
      } else {
        caller.runOnContext(nothing -> action.run());
      }
    }
  }

  private static final class Counters {
    final AtomicLong committedBatches = new AtomicLong();
    final AtomicLong committedEntries = new AtomicLong();
    final AtomicLong failedBatches = new AtomicLong();
    final AtomicLong failedEntries = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
  }
}
