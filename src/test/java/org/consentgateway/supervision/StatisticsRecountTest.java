package org.consentgateway.supervision;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditConfig;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.audit.StoredEntry;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.PoolTimeouts;
import org.consentgateway.db.ReactiveDatabase;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.dispute.DisputeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 100,000 entries of mixed activity appended through the real appender, folded by the follower:
 * every statistic equals a recount from the raw entries (a median to its histogram bucket, 2 %
 * wide: the follower keeps no single duration), small cells are hidden, and the search
 * finds exactly what a filter over the raw entries finds.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsRecountTest {

  static final Duration AWAIT = Duration.ofSeconds(120);
  private static final int ENTRIES = 100_000;
  /** Three weeks after the activity: the disputes it left open are overdue by then, most of them. */
  private static final Instant NOW = SyntheticActivity.START.plus(Duration.ofDays(21));

  private final Vertx vertx = Vertx.vertx();
  private Pool pool;
  private AuditStore store;
  private List<AuditEntry> entries;
  private Recount recount;
  private long folded;

  @BeforeAll
  void fillAndFollow(DatabaseCoordinates database) {
    pool = pool(vertx, database, 4);
    store = new AuditStore(pool);
    AuditLog log = new AuditLog(vertx, pool, new AuditConfig(4_096, Duration.ofMillis(2), 65_536, AuditConfig.DEFAULT_ORIGIN,
        AuditConfig.DEFAULT_CHECKPOINT_INTERVAL), Clock.systemUTC());
    SyntheticActivity.append(log, new SyntheticActivity(14, 3_000).next(ENTRIES));
    Blocking.await(log.close(), AWAIT);

    folded = Blocking.await(new LogFollower(vertx, pool, store, SupervisionConfig.CHUNK_ENTRIES).catchUp(), AWAIT);
    entries = new ArrayList<>();
    for (long start = 0; start < ENTRIES; start += 10_000) {
      Blocking.await(store.entries(start, start + 10_000), AWAIT).forEach(stored -> entries.add(AuditEntry.parse(stored.leafInput())));
    }
    recount = Recount.of(entries);
  }

  @AfterAll
  void close() {
    Blocking.await(pool.close(), AWAIT);
    Blocking.await(vertx.close(), AWAIT);
  }

  @Test
  void everyStatisticEqualsARecountOfTheRawEntries() {
    JsonNode stats = read(1, everyDay());

    assertThat(folded).isEqualTo(ENTRIES);
    assertThat(stats.get("foldedThrough").asLong()).isEqualTo(ENTRIES - 1);
    assertThat(stats.get("days")).hasSizeGreaterThan(1);
    recount.check(stats, 1, NOW, DisputeConfig.from(org.consentgateway.config.Settings.defaults()).dueAfter());
    // The mix is what it claims: each kind of statistic has something in it.
    assertThat(stats.at("/totals/queries/refused").asLong()).isPositive();
    assertThat(stats.at("/totals/consents/revoked").asLong()).isPositive();
    assertThat(stats.at("/totals/consents/requestsExpired").asLong()).isPositive();
    assertThat(stats.at("/totals/regulatorReads/total").asLong()).isPositive();
    assertThat(recount.resolutionMillis).isNotEmpty();
    long overdue = 0;
    for (JsonNode day : stats.get("days")) {
      overdue += day.at("/disputes/overdue").asLong();
    }
    assertThat(overdue).isPositive().isEqualTo(stats.at("/totals/disputes/overdue").asLong());
  }

  @Test
  void aDistinctSubjectCountUnderTheThresholdIsNeverGivenAsANumber() {
    JsonNode stats = read(SupervisionConfig.DEFAULT_SMALL_CELL_THRESHOLD, everyDay());

    recount.check(stats, SupervisionConfig.DEFAULT_SMALL_CELL_THRESHOLD, NOW, Duration.ofDays(DisputeConfig.DEFAULT_DUE_DAYS));
    List<JsonNode> shown = new ArrayList<>();
    stats.get("days").forEach(day -> day.get("cells").forEach(cell -> shown.add(cell.get("distinctSubjects"))));
    assertThat(shown).anySatisfy(count -> assertThat(count.asText()).isEqualTo("< 5"));
    assertThat(shown).anySatisfy(count -> assertThat(count.isNumber()).isTrue());
    assertThat(shown).allSatisfy(count -> assertThat(count.isTextual() || count.asLong() >= 5).isTrue());
  }

  @Test
  void aWeekOrAMonthIsTheSumOfItsDays() {
    StatsQuery days = everyDay();
    for (Granularity granularity : List.of(Granularity.WEEK, Granularity.MONTH)) {
      for (int threshold : List.of(1, SupervisionConfig.DEFAULT_SMALL_CELL_THRESHOLD)) {
        JsonNode stats = read(threshold, new StatsQuery(days.from(), days.to(), Optional.empty(), Optional.empty(), granularity));

        recount.checkPeriods(stats, granularity, threshold, NOW, Duration.ofDays(DisputeConfig.DEFAULT_DUE_DAYS));
        assertThat(stats.get("totals")).as("the totals do not depend on the granularity")
            .isEqualTo(read(threshold, days).get("totals"));
        if (threshold > 1) {
          List<JsonNode> subjectDays = new ArrayList<>();
          stats.get("periods").forEach(period -> period.get("cells").forEach(cell -> subjectDays.add(cell.get("subjectDays"))));
          assertThat(subjectDays).anySatisfy(shown -> assertThat(shown.isNumber()).isTrue())
              .anySatisfy(withheld -> assertThat(withheld.asText()).isEqualTo(StatsReport.WITHHELD));
        }
      }
    }
    // One institution's weeks: each week's median of decisions is over that institution's alone.
    String institution = SyntheticActivity.INSTITUTIONS.get(1);
    JsonNode weeks = read(1, new StatsQuery(days.from(), days.to(), Optional.of(institution), Optional.empty(), Granularity.WEEK));
    for (JsonNode week : weeks.get("periods")) {
      LocalDate first = Granularity.WEEK.periodOf(LocalDate.parse(week.get("from").asText()));
      List<Long> decisions = recount.decisionMillis.entrySet().stream()
          .filter(entry -> entry.getKey().institution().equals(institution) && Granularity.WEEK.periodOf(entry.getKey().day()).equals(first))
          .flatMap(entry -> entry.getValue().stream()).toList();
      assertThat(decisions).isNotEmpty();
      assertThat(week.get("medianDecisionMillis").asLong()).isEqualTo(Recount.bucketedMedian(decisions));
    }
    // ...and with a purpose too, over that institution's decisions for that purpose.
    JsonNode month = read(1, new StatsQuery(days.from(), days.to(), Optional.of(institution), Optional.of("GUARANTEE"), Granularity.MONTH));
    assertThat(month.get("periods")).hasSize(1);
    assertThat(month.at("/periods/0/medianDecisionMillis").asLong()).isEqualTo(Recount.bucketedMedian(
        recount.decisionMillis.entrySet().stream()
            .filter(entry -> entry.getKey().institution().equals(institution) && entry.getKey().purpose().equals("GUARANTEE"))
            .flatMap(entry -> entry.getValue().stream()).toList()));
    month.at("/periods/0/cells").forEach(cell -> assertThat(cell.get("purpose").asText()).isEqualTo("GUARANTEE"));
  }

  @Test
  void aWideWindowIsCountedByWeekOrByMonthUnlessADayGranularityIsAsked() {
    LocalDate first = EntryFacts.dayOf(SyntheticActivity.START);

    assertThat(Granularity.forWindow(first, first.plusDays(30))).isEqualTo(Granularity.DAY);
    assertThat(Granularity.forWindow(first, first.plusDays(31))).isEqualTo(Granularity.WEEK);
    assertThat(Granularity.forWindow(first, first.plusDays(91))).isEqualTo(Granularity.WEEK);
    assertThat(Granularity.forWindow(first, first.plusDays(92))).isEqualTo(Granularity.MONTH);
    LocalDate from = first.minusDays(200);
    LocalDate to = first.plusDays(165);
    JsonNode year = read(1, new StatsQuery(from, to, Optional.empty(), Optional.empty(), Granularity.forWindow(from, to)));
    assertThat(year.get("granularity").asText()).isEqualTo("month");
    // Whole months: from the first day of the first day's month to the last day of the last day's.
    assertThat(first.minusDays(200)).isEqualTo("2024-08-13");
    assertThat(year.get("from").asText()).isEqualTo("2024-08-01");
    assertThat(year.get("to").asText()).isEqualTo("2025-08-31");
    assertThat(year.at("/periods/0/from").asText()).isEqualTo("2024-08-01");
    assertThat(year.at("/periods/0/to").asText()).isEqualTo("2024-08-31");
    assertThat(year.get("periods").get(12).get("to").asText()).isEqualTo("2025-08-31");
    assertThat(year.get("periods")).hasSize(13);
    JsonNode byDay = read(1, new StatsQuery(first.minusDays(200), first.plusDays(165), Optional.empty(), Optional.empty(), Granularity.DAY));
    assertThat(byDay.get("days")).hasSize(366);
    assertThat(year.get("totals")).isEqualTo(byDay.get("totals"));
  }

  @Test
  void aReadForOneInstitutionAndPurposeHasOnlyItsCells() {
    String institution = SyntheticActivity.INSTITUTIONS.get(2);
    LocalDate first = EntryFacts.dayOf(SyntheticActivity.START);
    JsonNode stats = Blocking.await(statistics(1).read(new StatsQuery(first, first.plusDays(1), Optional.of(institution),
        Optional.of("CREDIT_CARD"), Granularity.DAY)), AWAIT);

    List<Cell> cells = new ArrayList<>();
    stats.get("days").forEach(day -> day.get("cells").forEach(cell -> {
      cells.add(new Cell(LocalDate.parse(day.get("day").asText()), cell.get("institution").asText(), cell.get("purpose").asText(),
          cell.get("grade").asText()));
      assertThat(cell.at("/queries/allowed").asLong()).isEqualTo(recount.counts.get(cells.get(cells.size() - 1))[0]);
    }));
    assertThat(cells).isNotEmpty().containsExactlyInAnyOrderElementsOf(recount.counts.keySet().stream()
        .filter(cell -> cell.institution().equals(institution) && cell.purpose().equals("CREDIT_CARD")
            && !cell.day().isAfter(first.plusDays(1)))
        .toList());
  }

  @Test
  void theSearchFindsWhatAFilterOverTheRawEntriesFinds() {
    EntrySearch search = new EntrySearch(pool, store);
    String institution = SyntheticActivity.INSTITUTIONS.get(0);
    SearchFilter refusals = new SearchFilter(Optional.of(institution), Optional.of("LOAN_APPROVAL"), Optional.of(AuditAction.QUERY_DENIED),
        Optional.of(AuditOutcome.DENIED), Optional.empty(), Optional.empty());
    List<Long> expected = entries.stream().filter(entry -> entry.event().actor().equals("institution:" + institution)
            && entry.event().purpose().equals(Optional.of("LOAN_APPROVAL")) && entry.event().action() == AuditAction.QUERY_DENIED)
        .map(AuditEntry::index).toList();

    assertThat(allPages(search, refusals, 100)).isNotEmpty().isEqualTo(expected);

    Instant from = SyntheticActivity.START.plus(Duration.ofHours(5));
    Instant to = from.plus(Duration.ofHours(2));
    SearchFilter window = new SearchFilter(Optional.empty(), Optional.empty(), Optional.of(AuditAction.AUDIT_READ), Optional.empty(),
        Optional.of(from), Optional.of(to));
    assertThat(allPages(search, window, 1000)).isNotEmpty().isEqualTo(entries.stream()
        .filter(entry -> entry.event().action() == AuditAction.AUDIT_READ && !entry.event().time().isBefore(from)
            && entry.event().time().isBefore(to))
        .map(AuditEntry::index).toList());
  }

  @Test
  void aListOfResultsShowsEachEntrysFacetsAndACountStopsAtItsLimit() {
    EntrySearch search = new EntrySearch(pool, store);
    String institution = SyntheticActivity.INSTITUTIONS.get(0);
    SearchFilter refusals = new SearchFilter(Optional.of(institution), Optional.empty(), Optional.of(AuditAction.QUERY_DENIED),
        Optional.empty(), Optional.empty(), Optional.empty());
    List<FoundEntry> expected = entries.stream().filter(entry -> entry.event().actor().equals("institution:" + institution)
            && entry.event().action() == AuditAction.QUERY_DENIED)
        .map(entry -> new FoundEntry(entry.index(), entry.event().time(), Optional.of(institution), entry.event().purpose(),
            entry.event().action(), entry.event().outcome(), entry.event().reasonCode()))
        .toList();

    assertThat(expected).hasSizeGreaterThan(30);
    assertThat(Blocking.await(search.found(refusals, expected.get(9).index(), 20), AWAIT)).isEqualTo(expected.subList(10, 30));
    assertThat(Blocking.await(search.countUpTo(refusals, 30), AWAIT)).isEqualTo(30);
    assertThat(Blocking.await(search.countUpTo(refusals, EntrySearch.MAX_COUNT), AWAIT)).isEqualTo(expected.size());
  }

  @Test
  void aSearchPageHoldsTheEntriesExactlyAsStored() {
    List<StoredEntry> page = Blocking.await(new EntrySearch(pool, store).entries(SearchFilter.all(), 41, 7), AWAIT);

    assertThat(page).isEqualTo(Blocking.await(store.entries(42, 49), AWAIT));
  }

  private static List<Long> allPages(EntrySearch search, SearchFilter filter, int limit) {
    List<Long> found = new ArrayList<>();
    long after = -1;
    while (true) {
      List<Long> page = Blocking.await(search.search(filter, after, limit), AWAIT);
      found.addAll(page);
      if (page.size() < limit) {
        return found;
      }
      after = page.get(page.size() - 1);
    }
  }

  private StatsQuery everyDay() {
    LocalDate first = EntryFacts.dayOf(entries.get(0).event().time());
    LocalDate last = EntryFacts.dayOf(entries.get(entries.size() - 1).event().time());
    return new StatsQuery(first, last, Optional.empty(), Optional.empty(), Granularity.DAY);
  }

  private JsonNode read(int threshold, StatsQuery query) {
    return Blocking.await(statistics(threshold).read(query), AWAIT);
  }

  private Statistics statistics(int threshold) {
    return new Statistics(pool, new SupervisionConfig(threshold), new DisputeConfig(Duration.ofDays(DisputeConfig.DEFAULT_DUE_DAYS)),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** A pool that waits patiently: the suite shares a small machine, and these tests are not about timeouts. */
  static Pool pool(Vertx vertx, DatabaseCoordinates database, int size) {
    return ReactiveDatabase.pool(vertx, database, size, new PoolTimeouts(AWAIT, AWAIT, AWAIT, AWAIT));
  }

  static <T> T await(Future<T> future) {
    return Blocking.await(future, AWAIT);
  }
}
