package org.consentgateway.supervision;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.audit.EntryOutline;
import org.consentgateway.audit.RecentEntries;
import org.consentgateway.audit.StoredEntry;
import org.consentgateway.db.Rounds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the audit log: each round, in one transaction, locks the cursor row, reads up to
 * {@code chunkEntries} entries after it (their outlines from {@link RecentEntries} when this
 * process's appender has just committed them, else through {@link AuditStore}), folds them into the
 * statistics and the search facets and moves the cursor. A restart resumes after the last
 * committed round; a round that fails changes nothing. While another gateway's round holds the
 * cursor, this one's finds nothing to do ({@code SKIP LOCKED}), so no entry is folded twice.
 *
 * <p>Thread-safe; never blocks an event loop: entries are parsed and folded on a worker.
 */
public final class LogFollower {

  private static final Logger LOG = LoggerFactory.getLogger(LogFollower.class);

  private final Vertx vertx;
  private final Pool pool;
  private final AuditStore log;
  private final RecentEntries recent;
  private final int chunkEntries;
  private final Rounds rounds;
  private final AtomicReference<Prefetch> prefetched = new AtomicReference<>();

  /** A follower whose transactions use {@code pool} and which reads the log through {@code log}. */
  public LogFollower(Vertx vertx, Pool pool, AuditStore log, int chunkEntries) {
    this(vertx, pool, log, RecentEntries.none(), chunkEntries);
  }

  /**
   * A follower that takes the entries it finds in {@code recent} (those this process's appender
   * committed last) from there, and reads the others from the log through {@code log}.
   */
  public LogFollower(Vertx vertx, Pool pool, AuditStore log, RecentEntries recent, int chunkEntries) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.pool = requireNonNull(pool, "pool is null");
    this.log = requireNonNull(log, "log is null");
    this.recent = requireNonNull(recent, "recent is null");
    if (chunkEntries < 1) {
      throw new IllegalArgumentException("chunkEntries must be positive, got " + chunkEntries);
    }
    this.chunkEntries = chunkEntries;
    this.rounds = new Rounds(vertx, SupervisionConfig.FOLLOW_INTERVAL, this::catchUpLogged);
  }

  /** Starts following every {@link SupervisionConfig#FOLLOW_INTERVAL}; does nothing if started. */
  public void start() {
    rounds.start();
  }


  /** Stops following; completes when a round under way has committed or rolled back. */
  public Future<Void> stop() {
    return rounds.stop();
  }


  /** Folds rounds until one finds nothing new (or the cursor busy); completes with the entries folded. */
  public Future<Long> catchUp() {
    return foldUntil(0, folded -> folded == 0);
  }


  /**
   * Folds rounds while each finds a whole chunk waiting; after one that finds less, the rest waits
   * for the next tick. A round costs about the same whatever it folds (each of its statements
   * writes a row per cell, period and histogram bucket it touches), so under heavy appends a
   * follower that went round again at once would fold a few hundred entries a round and cost the
   * appender most of a core; a tick's worth at a time keeps it to a few rounds a second.
   */
  private Future<Long> follow() {
    return foldUntil(0, folded -> folded < chunkEntries);
  }

  /** Folds rounds until one folds a number of entries that {@code enough} accepts; completes with all folded. */
  private Future<Long> foldUntil(long soFar, IntPredicate enough) {
    return round().compose(folded -> enough.test(folded) ? Future.succeededFuture(soFar + folded) : foldUntil(soFar + folded, enough));
  }

  /** One round: folds the next chunk in one transaction; completes with how many entries it folded. */
  public Future<Integer> round() {
    return pool.withTransaction(connection -> FollowerStore.lockCursor(connection).compose(cursor -> cursor.isEmpty()
        ? Future.succeededFuture(0)
        : fold(connection, cursor.get())));
  }

  private Future<Integer> fold(SqlConnection connection, long last) {
    return facts(last + 1).compose(facts -> {
      if (facts.isEmpty()) {
        return Future.succeededFuture(0);
      }
      return FollowerStore.state(connection, facts)
          .compose(state -> vertx.executeBlocking(() -> Fold.of(state, facts), false))
          .compose(changes -> {
            // The next chunk is read and parsed while this one is written and committed.
            prefetch(last + 1 + facts.size());
            return FollowerStore.write(connection, last, changes);
          })
          // Resolved complaints per day and institution, in the same transaction as the cursor's move.
          .compose(written -> ComplaintOutcomes.write(connection, facts))
          .map(written -> facts.size());
    });
  }

  /** The facts of up to a chunk of entries from {@code start}: the prefetched ones if they start there. */
  private Future<List<EntryFacts>> facts(long start) {
    Prefetch ahead = prefetched.getAndSet(null);
    if (ahead != null && ahead.start() == start) {
      return ahead.facts().compose(facts -> facts.isEmpty() ? read(start) : Future.succeededFuture(facts));
    }
    return read(start);
  }

  private void prefetch(long start) {
    prefetched.set(new Prefetch(start, read(start)));
  }

  private Future<List<EntryFacts>> read(long start) {
    // Committed entries are the same wherever they are read from: those just committed come with
    // their outlines, so neither the database nor the parser is asked for them again.
    return recent.outlines(start, start + chunkEntries)
        .map(outlines -> vertx.executeBlocking(() -> facts(outlines), false))
        .orElseGet(() -> log.entries(start, start + chunkEntries)
            .compose(entries -> entries.isEmpty() ? Future.succeededFuture(List.of()) : vertx.executeBlocking(() -> parse(entries), false)));
  }

  private static List<EntryFacts> parse(List<StoredEntry> entries) {
    List<EntryFacts> facts = new ArrayList<>(entries.size());
    for (StoredEntry stored : entries) {
      facts.add(EntryFacts.of(EntryOutline.of(stored.leafInput())));
    }
    return facts;
  }

  private static List<EntryFacts> facts(List<EntryOutline> outlines) {
    List<EntryFacts> facts = new ArrayList<>(outlines.size());
    for (EntryOutline outline : outlines) {
      facts.add(EntryFacts.of(outline));
    }
    return facts;
  }

  /** Entries read ahead, from index {@code start}: log entries never change, so they stay valid. */
  private record Prefetch(long start, Future<List<EntryFacts>> facts) {}

  // One catch-up at a time: a slow database must not pile up ticks.
  private Future<?> catchUpLogged() {
    return follow().onFailure(failure -> LOG.warn("Could not fold audit entries into the statistics: {}", failure.toString()));
  }

}
