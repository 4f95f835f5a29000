package org.consentgateway.supervision;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.consentgateway.audit.AuditConfig;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.audit.RecentEntries;
import org.consentgateway.bench.CpuMeter;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.EmbeddedPostgres;
import org.consentgateway.db.Migrations;
import org.consentgateway.dispute.DisputeConfig;

/**
 * The statistics benchmark (bench/audit-stats.sh), not a test. On a fresh embedded PostgreSQL:
 * <ol>
 *   <li>fills the log with {@code entries} entries of synthetic activity (large batches,
 *       synchronous_commit off: the fill is not timed as a durability figure);
 *   <li>times the follower catching up from nothing (entries/s);
 *   <li>times {@code GET /v1/audit/stats} pages ({@link Statistics#read}, what the route answers)
 *       one at a time over random windows: a week, a month, a month of one institution, a year;
 *   <li>after an untimed warm-up (half as many appends, the follower on), measures durable
 *       appends per second (default durability, 1000 in flight) with the follower off, then on,
 *       {@code pairs} times in the same run, and prints each pair's ratio.
 * </ol>
 * The catch-up and each append run also print the CPU this JVM and PostgreSQL used an entry: on a
 * shared machine a steadier figure of what the follower costs than the rates, which move with the
 * neighbours.
 * Arguments: {@code DATA_DIR [entries] [appendEntries] [pages] [pairs]}; 0 appends or pages skips that part.
 * A data folder that already holds a log is filled only up to {@code entries} and caught up.
 */
public final class AuditStatsBench {

  private final Vertx vertx = Vertx.vertx();
  private final DatabaseCoordinates db;
  private final CpuMeter cpu;

  private AuditStatsBench(DatabaseCoordinates db, CpuMeter cpu) {
    this.db = db;
    this.cpu = cpu;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: AuditStatsBench DATA_DIR [entries] [appendEntries] [pages] [pairs]");
    }
    int entries = argument(args, 1, 10_000_000);
    int appendEntries = argument(args, 2, 200_000);
    int pages = argument(args, 3, 200);
    int pairs = argument(args, 4, 2);
    int port = Integer.parseInt(System.getenv().getOrDefault("AUDIT_BENCH_PORT", "54399"));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(Path.of(args[0]), port)) {
      // Timed: on a kept database a new migration may backfill (V22's histograms from 10^7 entries' durations).
      long migrating = System.nanoTime();
      Migrations.migrate(postgres.coordinates());
      System.out.printf("migrations applied in %.1f s%n", (System.nanoTime() - migrating) / 1e9);
      AuditStatsBench bench = new AuditStatsBench(postgres.coordinates(), CpuMeter.thisJvmAndPostgres(Path.of(args[0], "postgres")));
      SyntheticActivity activity = new SyntheticActivity(1, 200_000);
      // A kept data folder (BENCH_DATA_DIR) resumes: the activity replays what is already in the
      // log, so a 10^7 fill can be made once and its pages timed later, on a quiet machine.
      long existing = bench.logSize();
      // Replaying is only for a fill that resumes: 10^7 entries take longer to replay than
      // anything else here (the generator keeps some 200,000 open requests in a list).
      boolean filling = existing < entries;
      for (long skipped = 0; filling && skipped < existing; skipped += 100_000) {
        activity.next((int) Math.min(100_000, existing - skipped));
      }
      if (filling) {
        bench.fill(activity, (int) (entries - existing));
      } else {
        System.out.printf("the log already holds %,d entries: no fill%n", existing);
        // Appends onto a full log are a fresh activity (another seed), not its continuation: its
        // times fall on the log's first days, and the follower's work per entry is the same.
        activity = new SyntheticActivity(3, 200_000);
      }
      bench.catchUp();
      if (pages > 0) {
        bench.pages(pages);
      }
      if (appendEntries > 0) {
        // Untimed: until the JIT has compiled the appender's and the follower's paths, its
        // compiler threads took up to most of a core beside the timed appends.
        System.out.printf("warm-up, not a figure:%n");
        bench.appends(activity, appendEntries / 2, true);
        for (int pair = 1; pair <= pairs; pair++) {
          double off = bench.appends(activity, appendEntries, false);
          double on = bench.appends(activity, appendEntries, true);
          System.out.printf("pair %d: durable appends with the follower on / off = %.2f%n", pair, on / off);
        }
      }
      await(bench.vertx.close());
    }
  }

  private long logSize() {
    Pool pool = pool(Map.of(), 1);
    long size = await(new AuditStore(pool).size());
    await(pool.close());
    return size;
  }

  private void fill(SyntheticActivity activity, int count) {
    Pool pool = pool(Map.of("synchronous_commit", "off"), 4);
    AuditLog log = new AuditLog(vertx, pool, new AuditConfig(4_096, Duration.ofMillis(2), 65_536, AuditConfig.DEFAULT_ORIGIN,
        AuditConfig.DEFAULT_CHECKPOINT_INTERVAL), Clock.systemUTC());
    long start = System.nanoTime();
    for (int done = 0; done < count; done += 100_000) {
      SyntheticActivity.append(log, activity.next(Math.min(100_000, count - done)));
    }
    await(log.close());
    System.out.printf("filled the log with %,d entries in %.1f s (synchronous_commit off, not a durability figure)%n", count,
        (System.nanoTime() - start) / 1e9);
    await(pool.query("vacuum analyze audit_entries").execute());
    await(pool.close());
  }

  private void catchUp() {
    Pool pool = pool(Map.of(), 2);
    double[] cpuBefore = cpu.seconds();
    long start = System.nanoTime();
    long folded = await(new LogFollower(vertx, pool, new AuditStore(pool), SupervisionConfig.CHUNK_ENTRIES).catchUp());
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("follower catch-up: %,d entries in %.1f s = %,.0f entries/s%s%n", folded, seconds, folded / seconds,
        folded == 0 ? "" : "; " + cpu.describe(cpuBefore, seconds, folded, "an entry"));
    if (folded > 0) {
      await(pool.query("vacuum analyze").execute());
    }
    long cursor = await(pool.query("select last_index from supervision_cursor").execute()).iterator().next().getLong(0);
    long size = await(new AuditStore(pool).size());
    await(pool.close());
    if (cursor != size - 1) {
      throw new IllegalStateException("the follower stopped at " + cursor + " of a log of " + size);
    }
  }

  private void pages(int count) {
    Pool pool = pool(Map.of(), 4);
    Statistics statistics = new Statistics(pool, SupervisionConfig.defaults(), new DisputeConfig(Duration.ofDays(20)),
        Clock.systemUTC());
    LocalDate first = EntryFacts.dayOf(SyntheticActivity.START);
    String institution = SyntheticActivity.INSTITUTIONS.get(0);
    SplittableRandom random = new SplittableRandom(2);
    LocalDate last = await(pool.query("select max(day) from supervision_cells").execute()).iterator().next().getLocalDate(0);
    int span = (int) (last.toEpochDay() - first.toEpochDay()) + 1;
    System.out.printf("the statistics cover %d days%n", span);
    // Each window counted as a read counts it by default (by day up to 31 days, by week up to 92,
    // by month beyond), and a year also by day, as a client may still ask.
    List<Map.Entry<Integer, Optional<Granularity>>> windows = List.of(Map.entry(7, Optional.empty()), Map.entry(31, Optional.empty()),
        Map.entry(92, Optional.empty()), Map.entry(366, Optional.empty()), Map.entry(366, Optional.of(Granularity.DAY)));
    for (Map.Entry<Integer, Optional<Granularity>> window : windows) {
      int days = window.getKey();
      for (boolean oneInstitution : List.of(false, true)) {
        long[] nanos = new long[count];
        for (int i = -count / 10; i < count; i++) {
          LocalDate from = first.plusDays(random.nextInt(Math.max(1, span - days + 1)));
          LocalDate to = from.plusDays(days - 1);
          StatsQuery query = new StatsQuery(from, to, oneInstitution ? Optional.of(institution) : Optional.empty(), Optional.empty(),
              window.getValue().orElse(Granularity.forWindow(from, to)));
          long start = System.nanoTime();
          await(statistics.read(query));
          if (i >= 0) {
            nanos[i] = System.nanoTime() - start;
          }
        }
        Arrays.sort(nanos);
        System.out.printf("GET /v1/audit/stats, %d days by %s%s: %,d pages one at a time, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
            days, window.getValue().orElse(Granularity.forWindow(first, first.plusDays(days - 1))).code(),
            oneInstitution ? ", one institution" : "", count, nanos[count / 2] / 1e6, nanos[(int) (count * 0.99)] / 1e6,
            nanos[count - 1] / 1e6);
      }
    }
    await(pool.close());
  }

  /** Durable appends through AuditLog, 1000 in flight; with the follower running beside them when {@code follow}. */
  private double appends(SyntheticActivity activity, int count, boolean follow) {
    Pool pool = pool(Map.of(), 2);
    Pool followerPool = pool(Map.of(), 2);
    // As the gateway wires them: the follower takes what the appender just committed from memory.
    RecentEntries recent = new RecentEntries(SupervisionConfig.RECENT_ENTRIES);
    LogFollower follower = new LogFollower(vertx, followerPool, new AuditStore(followerPool), recent, SupervisionConfig.CHUNK_ENTRIES);
    if (follow) {
      follower.start();
    }
    AuditLog log = new AuditLog(vertx, pool, AuditConfig.defaults(), Clock.systemUTC(), recent);
    List<AuditEvent> events = activity.next(count);
    double[] cpuBefore = cpu.seconds();
    long start = System.nanoTime();
    drive(log, events, 1_000);
    double seconds = (System.nanoTime() - start) / 1e9;
    await(log.close());
    // After the round under way (if any) has committed: a catch-up started beside it would find
    // the cursor locked and fold nothing.
    await(follower.stop());
    String used;
    if (follow) {
      long caughtUp = System.nanoTime();
      long behind = await(follower.catchUp());
      System.out.printf("  the follower then folded the %,d entries it was behind in %.1f s%n", behind, (System.nanoTime() - caughtUp) / 1e9);
      // With the follower's work on the entries it was behind: every entry's fold is counted.
      used = cpu.describe(cpuBefore, (System.nanoTime() - start) / 1e9, count, "an entry") + ", the follower's catch-up after included";
    } else {
      used = cpu.describe(cpuBefore, seconds, count, "an entry");
      // Off: the follower catches up afterwards, so the next run starts level.
      await(follower.catchUp());
    }
    await(pool.close());
    await(followerPool.close());
    System.out.printf("durable appends, follower %s: %,d entries in %.2f s = %,.0f entries/s; %s%n", follow ? "on" : "off", count, seconds,
        count / seconds, used);
    return count / seconds;
  }

  private static void drive(AuditLog log, List<AuditEvent> events, int inFlight) {
    AtomicInteger issued = new AtomicInteger();
    AtomicInteger completed = new AtomicInteger();
    CompletableFuture<Void> done = new CompletableFuture<>();
    Runnable[] next = new Runnable[1];
    next[0] = () -> {
      int i = issued.getAndIncrement();
      if (i >= events.size()) {
        return;
      }
      log.append(events.get(i)).onComplete(result -> {
        if (result.failed()) {
          done.completeExceptionally(result.cause());
        } else if (completed.incrementAndGet() == events.size()) {
          done.complete(null);
        } else {
          next[0].run();
        }
      });
    };
    for (int i = 0; i < Math.min(inFlight, events.size()); i++) {
      next[0].run();
    }
    done.join();
  }

  private Pool pool(Map<String, String> properties, int size) {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(db.host()).setPort(db.port()).setDatabase(db.database())
        .setUser(db.user()).setPassword(db.password())
        .setCachePreparedStatements(true);
    properties.forEach(connect::addProperty);
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(size)).connectingTo(connect).using(vertx).build();
  }

  private static <T> T await(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }

  private static int argument(String[] args, int position, int fallback) {
    return args.length > position ? Integer.parseInt(args[position].replace("_", "")) : fallback;
  }
}
