package org.consentgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.audit.AuditDatabaseSupport.await;
import static org.consentgateway.audit.AuditDatabaseSupport.event;
import static org.consentgateway.audit.AuditDatabaseSupport.failureOf;
import static org.consentgateway.audit.AuditDatabaseSupport.verifyWholeLog;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The group-committing appender against real PostgreSQL. Tests share one log, so each expects
 * indexes from the size it finds.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(Lifecycle.PER_CLASS)
class AuditLogTest {

  private static final String POISON_SUBJECT = "dead".repeat(16);

  private final Vertx vertx = Vertx.vertx();
  private Pool pool;
  private AuditStore store;

  @BeforeAll
  void openPool(DatabaseCoordinates db) {
    pool = AuditDatabaseSupport.pool(vertx, db, 4);
    store = new AuditStore(pool);
    // A stand-in for any failure inside a batch's transaction (disk full, lost connection).
    await(pool.query("""
        create function refuse_poison() returns trigger language plpgsql as $$
        begin
          if new.subject_ref = '%s' then raise exception 'poisoned entry'; end if;
          return new;
        end $$""".formatted(POISON_SUBJECT)).execute());
    await(pool.query("""
        create trigger refuse_poison before insert on audit_subject_entries
        for each row execute function refuse_poison()""").execute());
  }

  @AfterAll
  void close() {
    await(pool.close());
    await(vertx.close());
  }

  @Test
  void appendsGetConsecutiveIndexesAndTheStoredLogVerifies() {
    AuditLog log = newLog(AuditConfig.defaults());
    long start = await(store.size());

    List<AppendedEntry> appended = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      appended.add(await(log.append(event(i))));
    }

    assertThat(appended).extracting(AppendedEntry::index)
        .containsExactly(start, start + 1, start + 2, start + 3, start + 4, start + 5, start + 6,
            start + 7, start + 8, start + 9);
    verifyWholeLog(store);
    List<StoredEntry> stored = await(store.entries(start, start + 10));
    for (int i = 0; i < 10; i++) {
      assertThat(stored.get(i).leafHash()).isEqualTo(appended.get(i).leafHash());
      assertThat(stored.get(i).chainHash()).isEqualTo(appended.get(i).chainHash());
      assertThat(AuditEntry.parse(stored.get(i).leafInput()).event()).isEqualTo(event(i));
    }
    await(log.close());
  }

  @Test
  void twoThousandConcurrentAppendsGetEachIndexOnceInBatches() {
    AuditLog log = newLog(AuditConfig.defaults());
    long start = await(store.size());

    List<Future<AppendedEntry>> futures = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      futures.add(log.append(event(i)));
    }
    await(Future.all(futures));

    assertThat(futures).extracting(future -> future.result().index())
        .containsExactlyInAnyOrderElementsOf(range(start, 2_000));
    AuditLogStats stats = log.stats();
    assertThat(stats.committedEntries()).isEqualTo(2_000);
    assertThat(stats.committedBatches()).isLessThan(2_000 / 2);
    verifyWholeLog(store);
    // Each future reports its own event's entry.
    for (StoredEntry entry : await(store.entries(start, start + 2_000))) {
      int n = Integer.parseInt(AuditEntry.parse(entry.leafInput()).event().consentId().orElseThrow().substring(2));
      assertThat(futures.get(n).result().index()).isEqualTo(entry.index());
    }
    await(log.close());
  }

  @Test
  void aFailedBatchFailsEveryEntryOfItAndLeavesNoGap() {
    AuditLog log = newLog(AuditConfig.defaults());
    long start = await(store.size());

    Transaction lock = holdHeadLock();
    Future<AppendedEntry> first = log.append(event(1));
    waitUntil(() -> log.stats().waiting() == 0); // taken into a batch, which now waits for the lock
    List<Future<AppendedEntry>> doomed = List.of(
        log.append(event(2)), log.append(poisoned()), log.append(event(3)));
    await(lock.rollback());

    assertThat(await(first).index()).isEqualTo(start);
    for (Future<AppendedEntry> future : doomed) {
      assertThat(failureOf(future)).isInstanceOf(AuditUnavailableException.class);
    }
    assertThat(await(log.append(event(4))).index()).isEqualTo(start + 1);
    assertThat(log.stats().failedBatches()).isEqualTo(1);
    assertThat(log.stats().failedEntries()).isEqualTo(3);
    verifyWholeLog(store);
    await(log.close());
  }

  @Test
  void aBatchPlacedAheadIsPlacedAgainWhenAnotherAppenderWroteFirst() {
    AuditLog log = newLog(AuditConfig.defaults());
    AuditLog other = newLog(AuditConfig.defaults()); // as another gateway process on the same database
    long start = await(store.size());

    Transaction lock = holdHeadLock();
    Future<AppendedEntry> first = log.append(event(1));
    waitUntil(() -> backendsWaitingForALock() == 1);
    // Queued behind the first batch: placed after it, in memory, once the first has the lock.
    Future<AppendedEntry> placedAhead = log.append(event(2));
    waitUntil(() -> log.stats().waiting() == 1);
    // The other appender queues for the lock before the placed-ahead batch can ask for it.
    Future<AppendedEntry> between = other.append(event(3));
    waitUntil(() -> backendsWaitingForALock() == 2);
    await(lock.rollback());

    assertThat(await(first).index()).isEqualTo(start);
    assertThat(await(between).index()).isEqualTo(start + 1);
    assertThat(await(placedAhead).index()).as("placed again after the other appender's entry").isEqualTo(start + 2);
    verifyWholeLog(store);
    await(log.close());
    await(other.close());
  }

  @Test
  void aBatchPlacedOnTheHeadItLastWroteIsPlacedAgainWhenAnotherAppenderWroteSince() {
    AuditLog log = newLog(AuditConfig.defaults());
    AuditLog other = newLog(AuditConfig.defaults()); // as another gateway process on the same database
    long start = await(store.size());

    assertThat(await(log.append(event(1))).index()).isEqualTo(start);
    assertThat(await(other.append(event(2))).index()).isEqualTo(start + 1);
    // `log` places this one after its own last entry, in one statement that finds the head moved
    // and writes nothing; then under the lock, after the other appender's entry.
    AppendedEntry third = await(log.append(event(3)));

    assertThat(third.index()).isEqualTo(start + 2);
    assertThat(log.stats().failedBatches()).isZero();
    List<StoredEntry> stored = await(store.entries(start, start + 3));
    assertThat(stored).extracting(entry -> AuditEntry.parse(entry.leafInput()).event()).containsExactly(event(1), event(2), event(3));
    assertThat(stored.get(2).chainHash()).isEqualTo(third.chainHash());
    verifyWholeLog(store);
    await(log.close());
    await(other.close());
  }

  @Test
  void batchesPlacedAheadOfTheirTransactionsMakeTheSameLog() {
    AuditLog log = newLog(new AuditConfig(8, Duration.ofMillis(2), 65_536, AuditConfig.DEFAULT_ORIGIN,
        AuditConfig.DEFAULT_CHECKPOINT_INTERVAL));
    long start = await(store.size());

    // Batches of 8 with hundreds queued: every batch after the first is placed while the one before is in PostgreSQL.
    List<Future<AppendedEntry>> futures = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      futures.add(log.append(event(i)));
    }
    await(Future.all(futures));

    assertThat(futures).extracting(future -> future.result().index()).containsExactlyElementsOf(range(start, 500));
    assertThat(log.stats().committedBatches()).isGreaterThanOrEqualTo(500 / 8);
    verifyWholeLog(store);
    await(log.close());
  }

  @Test
  void nothingCompletesBeforeItsTransactionCommits() throws InterruptedException {
    AuditLog log = newLog(AuditConfig.defaults());

    Transaction lock = holdHeadLock();
    Future<AppendedEntry> appended = log.append(event(1));
    Thread.sleep(300);
    assertThat(appended.isComplete()).isFalse();
    await(lock.rollback());

    assertThat(await(store.entries(await(appended).index(), Long.MAX_VALUE))).hasSize(1);
    await(log.close());
  }

  @Test
  void aFullQueueRefusesAtOnce() {
    AuditLog log = newLog(new AuditConfig(2, Duration.ofMillis(2), 4, AuditConfig.DEFAULT_ORIGIN,
        AuditConfig.DEFAULT_CHECKPOINT_INTERVAL));
    long start = await(store.size());

    Transaction lock = holdHeadLock();
    List<Future<AppendedEntry>> accepted = new ArrayList<>();
    accepted.add(log.append(event(0)));
    waitUntil(() -> log.stats().waiting() == 0);
    for (int i = 1; i <= 4; i++) {
      accepted.add(log.append(event(i)));
    }
    Future<AppendedEntry> refused = log.append(event(5));

    assertThat(refused.failed()).isTrue();
    assertThat(refused.cause()).isInstanceOf(AuditUnavailableException.class).hasMessageContaining("full");
    await(lock.rollback());
    await(Future.all(accepted));
    assertThat(accepted).extracting(future -> future.result().index())
        .containsExactlyElementsOf(range(start, 5));
    assertThat(log.stats().rejectedEntries()).isEqualTo(1);
    await(log.close());
  }

  @Test
  void closingWritesWhatWasAcceptedThenRefuses() {
    AuditLog log = newLog(AuditConfig.defaults());
    long start = await(store.size());

    List<Future<AppendedEntry>> accepted = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      accepted.add(log.append(event(i)));
    }
    Future<Void> closed = log.close();
    Future<AppendedEntry> late = log.append(event(100));

    await(closed);
    assertThat(accepted).allSatisfy(future -> assertThat(future.succeeded()).isTrue());
    assertThat(late.failed()).isTrue();
    assertThat(late.cause()).isInstanceOf(AuditUnavailableException.class);
    assertThat(await(store.size())).isEqualTo(start + 100);
    assertThat(log.close()).isSameAs(closed);
  }

  @Test
  void aCallerOnAnEventLoopIsAnsweredOnItsOwnContext() {
    AuditLog log = newLog(AuditConfig.defaults());
    Context caller = vertx.getOrCreateContext();
    Promise<Boolean> sameContext = Promise.promise();

    caller.runOnContext(nothing -> log.append(event(1))
        .onComplete(done -> sameContext.complete(Vertx.currentContext() == caller)));

    assertThat(await(sameContext.future())).isTrue();
    await(log.close());
  }

  private AuditLog newLog(AuditConfig config) {
    return new AuditLog(vertx, pool, config, Clock.systemUTC());
  }

  /** Takes the head row lock in a transaction of another connection, as another process would. */
  private Transaction holdHeadLock() {
    SqlConnection connection = await(pool.getConnection());
    Transaction transaction = await(connection.begin());
    await(connection.query("select size from audit_head where id = 1 for update").execute());
    transaction.completion().onComplete(done -> connection.close());
    return transaction;
  }

  /** Sessions of this database waiting for a lock: appenders queued for the head row. */
  private long backendsWaitingForALock() {
    return await(pool.query("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")
        .execute()).iterator().next().getLong(0);
  }

  private static AuditEvent poisoned() {
    return AuditEvent.builder()
        .time(java.time.Instant.parse("2025-03-01T08:00:00Z"))
        .action(AuditAction.CONSENT_REVOKED)
        .actor("citizen:" + POISON_SUBJECT)
        .subjectRef(POISON_SUBJECT)
        .outcome(AuditOutcome.RECORDED)
        .build();
  }

  private static List<Long> range(long start, int count) {
    List<Long> indexes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      indexes.add(start + i);
    }
    return indexes;
  }

  private static void waitUntil(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met in 10 s");
      }
      Thread.onSpinWait();
    }
  }
}
