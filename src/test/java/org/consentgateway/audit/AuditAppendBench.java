package org.consentgateway.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.EmbeddedPostgres;
import org.consentgateway.db.Migrations;

/**
 * The audit log benchmark (bench/audit-append.sh), not a test: on a fresh embedded PostgreSQL with
 * its default durability (fsync and synchronous_commit on) it measures, in one run,
 * <ol>
 *   <li>durable appends per second through {@link AuditLog} with many appends in flight;
 *   <li>the naive baseline: the same work with one transaction per entry, from as many
 *       connections;
 *   <li>inclusion and consistency proof latency once the log holds {@code proofLogSize} entries
 *       (filled with large batches on a connection with synchronous_commit off: only the proofs
 *       are timed there).
 * </ol>
 * Arguments: {@code DATA_DIR [entries] [inFlight] [naiveEntries] [proofLogSize] [proofs]}; 0 naive
 * entries skips the baseline, 0 for the proofs' log size or count skips the proofs; the data
 * folder (its parents traversable by the server's unprivileged uid when run as root) is left for
 * the caller to delete.
 */
public final class AuditAppendBench {

  private static final int POOL_SIZE = 8;

  private final Vertx vertx = Vertx.vertx();
  private final DatabaseCoordinates db;
  private long nextEvent;

  private AuditAppendBench(DatabaseCoordinates db) {
    this.db = db;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: AuditAppendBench DATA_DIR [entries] [inFlight] [naiveEntries] [proofLogSize] [proofs]");
    }
    Path dir = Path.of(args[0]);
    int entries = argument(args, 1, 200_000);
    int inFlight = argument(args, 2, 1_000);
    int naiveEntries = argument(args, 3, 20_000);
    int proofLogSize = argument(args, 4, 1_000_000);
    int proofs = argument(args, 5, 10_000);
    int port = Integer.parseInt(System.getenv().getOrDefault("AUDIT_BENCH_PORT", "54398"));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dir, port)) {
      Migrations.migrate(postgres.coordinates());
      AuditAppendBench bench = new AuditAppendBench(postgres.coordinates());
      System.out.printf("server: %s%n", bench.settings());
      bench.groupCommit(Math.min(20_000, entries), inFlight, "warm-up (not counted)");
      double grouped = bench.groupCommit(entries, inFlight, "group commit");
      if (naiveEntries > 0) {
        double naive = bench.naive(naiveEntries, inFlight);
        System.out.printf("group commit / naive = %.1fx%n", grouped / naive);
      }
      if (proofLogSize > 0 && proofs > 0) {
        bench.proofs(proofLogSize, proofs);
      }
      bench.vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  private String settings() {
    Pool pool = pool(Map.of());
    String text = await(pool.query("""
        select string_agg(name || '=' || setting, ', ' order by name) from pg_settings
         where name in ('fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes')""")
        .execute()).iterator().next().getString(0);
    await(pool.close());
    return text;
  }

  /** Durable appends through AuditLog, {@code inFlight} at a time; returns entries per second. */
  private double groupCommit(int count, int inFlight, String label) {
    Pool pool = pool(Map.of());
    AuditLog log = new AuditLog(vertx, pool, AuditConfig.defaults(), Clock.systemUTC());
    Run run = drive(count, inFlight, log::append);
    AuditLogStats stats = log.stats();
    await(log.close());
    await(pool.close());
    System.out.printf("%s: %,d entries in %.2f s = %,.0f entries/s; %,d transactions, %.0f entries each;"
            + " append latency p50 %.1f ms, p99 %.1f ms%n",
        label, count, run.seconds(), count / run.seconds(), stats.committedBatches(),
        (double) stats.committedEntries() / stats.committedBatches(), run.percentile(50), run.percentile(99));
    return count / run.seconds();
  }

  /** The same work, one transaction per entry, from POOL_SIZE connections; returns entries per second. */
  private double naive(int count, int inFlight) {
    Pool pool = pool(Map.of());
    // A writer per entry: no frontier kept between transactions, each entry stands alone.
    Run run = drive(count, inFlight, event -> new BatchWriter(pool, Clock.systemUTC(), RecentEntries.none())
        .write(List.of(new AppendBatch.Append(event, Optional.empty()))).committed().map(appended -> appended.get(0)));
    await(pool.close());
    System.out.printf("naive, one transaction per entry: %,d entries in %.2f s = %,.0f entries/s;"
            + " append latency p50 %.1f ms, p99 %.1f ms%n",
        count, run.seconds(), count / run.seconds(), run.percentile(50), run.percentile(99));
    return count / run.seconds();
  }

  /** Fills the log to {@code logSize}, then times random proofs one at a time. */
  private void proofs(int logSize, int count) {
    Pool fill = pool(Map.of("synchronous_commit", "off"));
    AuditStore store = new AuditStore(fill);
    long missing = logSize - await(store.size());
    if (missing > 0) {
      AuditLog log = new AuditLog(vertx, fill, new AuditConfig(4_096, Duration.ofMillis(2), 65_536,
          AuditConfig.DEFAULT_ORIGIN, AuditConfig.DEFAULT_CHECKPOINT_INTERVAL), Clock.systemUTC());
      Run run = drive((int) missing, 8_192, log::append);
      await(log.close());
      System.out.printf("filled to %,d entries in %.1f s (synchronous_commit off, not a durability figure)%n",
          logSize, run.seconds());
    }
    await(fill.query("vacuum analyze audit_tree_nodes").execute());
    await(fill.close());
    Pool pool = pool(Map.of());
    AuditStore reader = new AuditStore(pool);
    long size = await(reader.size());
    SplittableRandom random = new SplittableRandom(1);
    System.out.printf("log size for the proofs: %,d entries%n", size);
    report("inclusion proof", count, () -> reader.inclusionProof(random.nextLong(size), size));
    report("inclusion proof, random tree size", count, () -> {
      long treeSize = 1 + random.nextLong(size);
      return reader.inclusionProof(random.nextLong(treeSize), treeSize);
    });
    report("consistency proof", count, () -> reader.consistencyProof(1 + random.nextLong(size), size));
    report("consistency proof, random sizes", count, () -> {
      long to = 1 + random.nextLong(size);
      return reader.consistencyProof(1 + random.nextLong(to), to);
    });
    report("root hash", count, () -> reader.rootHash(1 + random.nextLong(size)));
    await(pool.close());
  }

  private void report(String label, int count, Supplier<Future<?>> call) {
    for (int i = 0; i < count / 10; i++) {
      await(call.get()); // warm-up
    }
    long[] nanos = new long[count];
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      await(call.get());
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf("%s: %,d calls one at a time, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        label, count,
        nanos[count / 2] / 1e6, nanos[(int) (count * 0.99)] / 1e6, nanos[count - 1] / 1e6);
  }

  /** Keeps {@code inFlight} appends outstanding until {@code count} have completed. */
  private Run drive(int count, int inFlight, Function<AuditEvent, Future<AppendedEntry>> append) {
    AuditEvent[] events = new AuditEvent[count];
    for (int i = 0; i < count; i++) {
      events[i] = AuditDatabaseSupport.event(nextEvent++);
    }
    long[] latencies = new long[count];
    AtomicInteger issued = new AtomicInteger();
    AtomicInteger completed = new AtomicInteger();
    CompletableFuture<Void> done = new CompletableFuture<>();
    Runnable[] next = new Runnable[1];
    next[0] = () -> {
      int i = issued.getAndIncrement();
      if (i >= count) {
        return;
      }
      long start = System.nanoTime();
      append.apply(events[i]).onComplete(result -> {
        latencies[i] = System.nanoTime() - start;
        if (result.failed()) {
          done.completeExceptionally(result.cause());
        } else if (completed.incrementAndGet() == count) {
          done.complete(null);
        } else {
          next[0].run();
        }
      });
    };
    long start = System.nanoTime();
    for (int i = 0; i < Math.min(inFlight, count); i++) {
      next[0].run();
    }
    done.join();
    Arrays.sort(latencies);
    return new Run((System.nanoTime() - start) / 1e9, latencies);
  }

  private record Run(double seconds, long[] sortedLatencies) {
    double percentile(int p) {
      return sortedLatencies[(int) Math.min(sortedLatencies.length - 1L, sortedLatencies.length * p / 100L)] / 1e6;
    }
  }

  private Pool pool(Map<String, String> properties) {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(db.host()).setPort(db.port()).setDatabase(db.database())
        .setUser(db.user()).setPassword(db.password())
        .setCachePreparedStatements(true);
    properties.forEach(connect::addProperty);
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(POOL_SIZE))
        .connectingTo(connect)
        .using(vertx)
        .build();
  }

  private static <T> T await(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }

  private static int argument(String[] args, int position, int fallback) {
    return args.length > position ? Integer.parseInt(args[position].replace("_", "")) : fallback;
  }
}
