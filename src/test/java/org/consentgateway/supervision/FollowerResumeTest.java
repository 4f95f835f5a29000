package org.consentgateway.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.supervision.StatisticsRecountTest.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.consentgateway.audit.AuditConfig;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.audit.RecentEntries;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.dispute.DisputeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The follower's cursor: stopped mid-log and started again it counts every entry once, and two
 * followers on one database (two gateways) never fold an entry twice, and entries taken from the
 * appender's memory count as those read from the log. Each case has a database of its own.
 */
class FollowerResumeTest {

  private static final int ENTRIES = 12_000;
  private static final Instant NOW = SyntheticActivity.START.plus(Duration.ofDays(21));

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  @Nested
  @ExtendWith(TestDatabase.class)
  class StoppedMidLog {
    @Test
    void aRestartedFollowerResumesAfterItsLastRoundAndCountsEachEntryOnce(DatabaseCoordinates database) {
      Pool pool = StatisticsRecountTest.pool(vertx, database, 4);
      AuditStore store = new AuditStore(pool);
      fill(pool, new SyntheticActivity(7, 400).next(ENTRIES));

      LogFollower first = new LogFollower(vertx, pool, store, 1_000);
      for (int round = 0; round < 5; round++) {
        assertThat(await(first.round())).isEqualTo(1_000);
      }
      assertThat(read(pool).get("foldedThrough").asLong()).isEqualTo(4_999);
      // A new follower, as after a restart: it starts from the cursor, not from the start.
      long rest = await(new LogFollower(vertx, pool, store, 3_000).catchUp());

      assertThat(rest).isEqualTo(ENTRIES - 5_000);
      check(pool, store);
    }
  }

  @Nested
  @ExtendWith(TestDatabase.class)
  class TwoGateways {
    @Test
    void twoFollowersOnOneDatabaseNeverFoldAnEntryTwice(DatabaseCoordinates database) {
      Pool one = StatisticsRecountTest.pool(vertx, database, 2);
      Pool other = StatisticsRecountTest.pool(vertx, database, 2);
      LogFollower first = new LogFollower(vertx, one, new AuditStore(one), 500);
      LogFollower second = new LogFollower(vertx, other, new AuditStore(other), 700);
      SyntheticActivity activity = new SyntheticActivity(8, 400);
      long folded = 0;
      // The log grows while both follow it, racing for the cursor round after round.
      for (int part = 0; part < 4; part++) {
        fill(one, activity.next(ENTRIES / 4));
        while (read(one).get("foldedThrough").asLong() < (part + 1L) * ENTRIES / 4 - 1) {
          Future<Long> a = first.catchUp();
          Future<Long> b = second.catchUp();
          await(Future.all(a, b));
          folded += a.result() + b.result();
        }
      }

      assertThat(folded).isEqualTo(ENTRIES);
      check(one, new AuditStore(one));
    }
  }

  @Nested
  @ExtendWith(TestDatabase.class)
  class BesideTheAppender {
    @Test
    void entriesTakenFromTheAppendersMemoryCountAsThoseReadFromTheLog(DatabaseCoordinates database) {
      Pool pool = StatisticsRecountTest.pool(vertx, database, 4);
      AuditStore store = new AuditStore(pool);
      // Holds fewer entries than a part: the follower reads the oldest of each part from the log.
      RecentEntries recent = new RecentEntries(1_500);
      AuditLog here = log(pool, recent);
      AuditLog elsewhere = log(pool, RecentEntries.none()); // another gateway's appender
      LogFollower follower = new LogFollower(vertx, pool, store, recent, 1_000);
      SyntheticActivity activity = new SyntheticActivity(9, 400);
      long folded = 0;
      for (int part = 0; part < 4; part++) {
        SyntheticActivity.append(here, activity.next(ENTRIES / 4 - 500));
        folded += await(follower.catchUp());
        SyntheticActivity.append(elsewhere, activity.next(250)); // not held here: read from the log
        SyntheticActivity.append(here, activity.next(250));
        folded += await(follower.catchUp());
      }
      await(here.close());
      await(elsewhere.close());

      assertThat(folded).isEqualTo(ENTRIES);
      check(pool, store);
    }
  }

  private void fill(Pool pool, List<org.consentgateway.audit.AuditEvent> events) {
    AuditLog log = log(pool, RecentEntries.none());
    SyntheticActivity.append(log, events);
    await(log.close());
  }

  private AuditLog log(Pool pool, RecentEntries recent) {
    return new AuditLog(vertx, pool, new AuditConfig(2_048, Duration.ofMillis(2), 65_536, AuditConfig.DEFAULT_ORIGIN,
        AuditConfig.DEFAULT_CHECKPOINT_INTERVAL), Clock.systemUTC(), recent);
  }

  private void check(Pool pool, AuditStore store) {
    List<AuditEntry> entries = new ArrayList<>();
    await(store.entries(0, ENTRIES)).forEach(stored -> entries.add(AuditEntry.parse(stored.leafInput())));
    assertThat(entries).hasSize(ENTRIES);
    JsonNode stats = read(pool);
    assertThat(stats.get("foldedThrough").asLong()).isEqualTo(ENTRIES - 1);
    Recount.of(entries).check(stats, 1, NOW, Duration.ofDays(DisputeConfig.DEFAULT_DUE_DAYS));
  }

  private static JsonNode read(Pool pool) {
    LocalDate first = EntryFacts.dayOf(SyntheticActivity.START);
    return await(new Statistics(pool, new SupervisionConfig(1), new DisputeConfig(Duration.ofDays(DisputeConfig.DEFAULT_DUE_DAYS)),
        Clock.fixed(NOW, ZoneOffset.UTC)).read(new StatsQuery(first, first.plusDays(2), Optional.empty(), Optional.empty(), Granularity.DAY)));
  }
}
