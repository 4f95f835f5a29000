package org.consentgateway.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditConfig;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A search with a time range reads only the indexes of the range's days (V29's
 * {@code supervision_entry_days}), and still finds every entry of the range when entries' times
 * run out of index order across a midnight, as appends from concurrent requests may.
 */
@ExtendWith(TestDatabase.class)
class EntrySearchTest {

  /** Midnight between 2026-03-01 and 03-02 in Asia/Shanghai, where the statistics' days turn. */
  private static final Instant MIDNIGHT = Instant.parse("2026-03-01T16:00:00Z");
  /** Seconds from midnight of each entry, in index order. */
  private static final List<Integer> OFFSETS = List.of(-90_000, 600, -600, 60, -60, 0, -1, 86_400, 30, -86_401, 1, -3_600, 90_000);

  @Test
  void aTimeRangeFindsItsEntriesWhenTimesAndIndexesDisagreeAcrossMidnight(DatabaseCoordinates database) {
    Vertx vertx = Vertx.vertx();
    Pool pool = StatisticsRecountTest.pool(vertx, database, 4);
    try {
      AuditLog log = new AuditLog(vertx, pool, AuditConfig.defaults(), Clock.systemUTC());
      List<AuditEvent> events = new ArrayList<>();
      OFFSETS.forEach(offset -> events.add(refusal(MIDNIGHT.plusSeconds(offset))));
      SyntheticActivity.append(log, events);
      StatisticsRecountTest.await(log.close());
      StatisticsRecountTest.await(new LogFollower(vertx, pool, new AuditStore(pool), 5).catchUp());
      EntrySearch search = new EntrySearch(pool, new AuditStore(pool));

      for (int from : List.of(-90_000, -86_401, -3_600, -60, -1, 0, 1, 600, 86_400, 90_001)) {
        for (int to : List.of(-86_400, -60, 0, 1, 61, 3_600, 86_401, 90_001)) {
          Optional<Instant> start = Optional.of(MIDNIGHT.plusSeconds(from));
          Optional<Instant> end = Optional.of(MIDNIGHT.plusSeconds(to));
          assertThat(found(search, start, end)).as("[%d, %d)", from, to).isEqualTo(expected(start, end));
          assertThat(found(search, start, Optional.empty())).as("from %d", from).isEqualTo(expected(start, Optional.empty()));
          assertThat(found(search, Optional.empty(), end)).as("to %d", to).isEqualTo(expected(Optional.empty(), end));
        }
      }
      assertThat(found(search, Optional.of(MIDNIGHT.plusSeconds(-60)), Optional.of(MIDNIGHT.plusSeconds(61))))
          .containsExactly(3L, 4L, 5L, 6L, 8L, 10L);
    } finally {
      Blocking.await(pool.close(), StatisticsRecountTest.AWAIT);
      Blocking.await(vertx.close(), StatisticsRecountTest.AWAIT);
    }
  }

  private static List<Long> found(EntrySearch search, Optional<Instant> from, Optional<Instant> to) {
    SearchFilter filter = new SearchFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), from, to);
    return StatisticsRecountTest.await(search.search(filter, -1, EntrySearch.MAX_LIMIT));
  }

  /** The indexes whose times fall in [from, to), counted from the offsets themselves. */
  private static List<Long> expected(Optional<Instant> from, Optional<Instant> to) {
    List<Long> indexes = new ArrayList<>();
    for (int i = 0; i < OFFSETS.size(); i++) {
      Instant time = MIDNIGHT.plusSeconds(OFFSETS.get(i));
      if (from.map(start -> !time.isBefore(start)).orElse(true) && to.map(time::isBefore).orElse(true)) {
        indexes.add((long) i);
      }
    }
    return indexes;
  }

  private static AuditEvent refusal(Instant time) {
    return AuditEvent.builder().time(time).actor("institution:" + SyntheticActivity.INSTITUTIONS.get(0)).grade("SUMMARY")
        .policyHash(SyntheticActivity.POLICY).action(AuditAction.QUERY_DENIED).outcome(AuditOutcome.DENIED)
        .reasonCode("consent_invalid").build();
  }
}
