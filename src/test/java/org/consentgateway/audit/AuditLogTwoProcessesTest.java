package org.consentgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.audit.AuditDatabaseSupport.await;
import static org.consentgateway.audit.AuditDatabaseSupport.event;
import static org.consentgateway.audit.AuditDatabaseSupport.verifyWholeLog;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two appenders with their own Vert.x and pool, as two gateway processes would have, append to one
 * database at the same time: the head row lock makes one sequence of them.
 */
@ExtendWith(TestDatabase.class)
class AuditLogTwoProcessesTest {

  private static final int PER_PROCESS = 3_000;
  private static final long SECOND_PROCESS_EVENTS = 1_000_000;

  @Test
  void twoAppendersOnOneDatabaseMakeOneGapFreeForkFreeSequence(DatabaseCoordinates db) throws Exception {
    Process first = new Process(db, 100);
    Process second = new Process(db, 37);

    CompletableFuture<List<AppendedEntry>> firstRun = CompletableFuture.supplyAsync(() -> first.appendAll(0));
    CompletableFuture<List<AppendedEntry>> secondRun =
        CompletableFuture.supplyAsync(() -> second.appendAll(SECOND_PROCESS_EVENTS));
    List<AppendedEntry> appendedByFirst = firstRun.get();
    List<AppendedEntry> appendedBySecond = secondRun.get();

    AuditStore store = new AuditStore(first.pool);
    assertThat(await(store.size())).isEqualTo(2L * PER_PROCESS);
    verifyWholeLog(store);
    // Every event is stored once, at the index its future reported.
    Map<String, Long> indexByConsent = new HashMap<>();
    int turns = 0;
    boolean lastFromFirst = true;
    for (StoredEntry entry : await(store.entries(0, 2L * PER_PROCESS))) {
      String consent = AuditEntry.parse(entry.leafInput()).event().consentId().orElseThrow();
      assertThat(indexByConsent.put(consent, entry.index())).isNull();
      boolean fromFirst = Long.parseLong(consent.substring(2)) < SECOND_PROCESS_EVENTS;
      turns += entry.index() > 0 && fromFirst != lastFromFirst ? 1 : 0;
      lastFromFirst = fromFirst;
    }
    for (int i = 0; i < PER_PROCESS; i++) {
      assertThat(indexByConsent.get("c-" + i)).isEqualTo(appendedByFirst.get(i).index());
      assertThat(indexByConsent.get("c-" + (SECOND_PROCESS_EVENTS + i))).isEqualTo(appendedBySecond.get(i).index());
    }
    // They really took turns, so each had to reload a frontier the other had moved.
    assertThat(turns).isGreaterThan(10);
    first.close();
    second.close();
  }

  /** One "gateway process": its own Vert.x, pool and appender. */
  private static final class Process {
    final Vertx vertx = Vertx.vertx();
    final Pool pool;
    final AuditLog log;

    Process(DatabaseCoordinates db, int batchMaxEntries) {
      pool = AuditDatabaseSupport.pool(vertx, db, 2);
      log = new AuditLog(vertx, pool, new AuditConfig(batchMaxEntries, Duration.ofMillis(2), 65_536,
          AuditConfig.DEFAULT_ORIGIN, AuditConfig.DEFAULT_CHECKPOINT_INTERVAL), Clock.systemUTC());
    }

    /** Appends PER_PROCESS events, in waves so the two processes interleave for a while. */
    List<AppendedEntry> appendAll(long firstEvent) {
      List<Future<AppendedEntry>> futures = new ArrayList<>();
      for (int wave = 0; wave < 10; wave++) {
        List<Future<AppendedEntry>> inWave = new ArrayList<>();
        for (int i = 0; i < PER_PROCESS / 10; i++) {
          inWave.add(log.append(event(firstEvent + futures.size() + inWave.size())));
        }
        await(Future.all(inWave));
        futures.addAll(inWave);
      }
      return futures.stream().map(Future::result).toList();
    }

    void close() {
      await(log.close());
      await(pool.close());
      await(vertx.close());
    }
  }
}
