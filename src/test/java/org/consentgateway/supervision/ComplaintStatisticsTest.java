package org.consentgateway.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.supervision.StatisticsRecountTest.AWAIT;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.dispute.DisputeConfig;
import org.consentgateway.policy.SignalPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Complaints in the statistics (issue 17), from the log alone: the {@code complaint.resolved}
 * entries, folded a few at a time, are counted per day and institution complained about, upheld
 * and dismissed, in {@code GET /v1/audit/stats}; and each day an institution had a complaint
 * upheld raises the {@code upheld_complaints} signal, whose link finds those entries.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplaintStatisticsTest {

  private static final String BANK = SyntheticActivity.INSTITUTIONS.get(0);
  private static final String OTHER = SyntheticActivity.INSTITUTIONS.get(1);
  private static final String SUBJECT = "ab".repeat(32);
  /** 10:00 in Shanghai on 3 March 2025, and the day after. */
  private static final Instant MORNING = Instant.parse("2025-03-03T02:00:00Z");
  private static final LocalDate DAY = LocalDate.of(2025, 3, 3);

  private final Vertx vertx = Vertx.vertx();
  private Pool pool;
  private AuditStore store;

  @BeforeAll
  void appendAndFollow(DatabaseCoordinates database) {
    pool = StatisticsRecountTest.pool(vertx, database, 4);
    store = new AuditStore(pool);
    AuditLog log = new AuditLog(vertx, pool, new AuditConfig(64, Duration.ofMillis(2), 1_024, AuditConfig.DEFAULT_ORIGIN,
        AuditConfig.DEFAULT_CHECKPOINT_INTERVAL), Clock.systemUTC());
    List<AuditEvent> events = new ArrayList<>();
    events.add(complaint(AuditAction.COMPLAINT_FILED, "citizen:" + SUBJECT, BANK, "not_authorised", MORNING));
    events.add(complaint(AuditAction.COMPLAINT_ACKNOWLEDGED, "regulator:pboc", BANK, null, MORNING.plusSeconds(60)));
    events.add(resolved(BANK, "upheld", MORNING.plusSeconds(120)));
    events.add(resolved(BANK, "upheld", MORNING.plusSeconds(180)));
    events.add(resolved(BANK, "dismissed", MORNING.plusSeconds(240)));
    events.add(resolved(OTHER, "upheld", MORNING.plusSeconds(300)));
    events.add(resolved(OTHER, "dismissed", MORNING.plus(Duration.ofDays(1))));
    SyntheticActivity.append(log, events);
    Blocking.await(log.close(), AWAIT);
    // Two entries a round: the counts of one day and institution are added up across rounds.
    Blocking.await(new LogFollower(vertx, pool, store, 2).catchUp(), AWAIT);
  }

  @AfterAll
  void close() {
    Blocking.await(pool.close(), AWAIT);
    Blocking.await(vertx.close(), AWAIT);
  }

  @Test
  void resolvedComplaintsAreCountedPerDayAndInstitution() {
    JsonNode all = stats(Optional.empty()).get("complaints");
    assertThat(all.get("upheld").asLong()).isEqualTo(3);
    assertThat(all.get("dismissed").asLong()).isEqualTo(2);
    assertThat(all.get("byDay")).hasSize(3);
    assertThat(all.at("/byDay/0/day").asText()).isEqualTo(DAY.toString());
    JsonNode bank = stats(Optional.of(BANK)).get("complaints");
    assertThat(bank.get("upheld").asLong()).isEqualTo(2);
    assertThat(bank.get("dismissed").asLong()).isEqualTo(1);
    assertThat(bank.get("byDay")).singleElement().satisfies(row -> assertThat(row.get("institution").asText()).isEqualTo(BANK));
  }

  @Test
  void eachDayWithAnUpheldComplaintRaisesASignalThatFindsItsEntries() {
    SignalsReport report = Blocking.await(new Signals(pool, SignalPolicy.defaults(), SupervisionConfig.defaults(),
        new DisputeConfig(Duration.ofDays(DisputeConfig.DEFAULT_DUE_DAYS)), Clock.fixed(MORNING, ZoneOffset.UTC))
        .read(new SignalsQuery(DAY, DAY.plusDays(1))), AWAIT);
    List<Signal> upheld = report.signals().stream().filter(signal -> signal.rule() == SignalRule.UPHELD_COMPLAINTS).toList();
    assertThat(upheld).extracting(signal -> signal.institution().orElseThrow()).containsExactlyInAnyOrder(BANK, OTHER);
    EntrySearch search = new EntrySearch(pool, store);
    for (Signal signal : upheld) {
      assertThat(signal.day()).contains(DAY);
      assertThat(signal.action()).contains(AuditAction.COMPLAINT_RESOLVED);
      long expected = signal.institution().orElseThrow().equals(BANK) ? 2 : 1;
      assertThat(signal.observed()).isEqualTo(Figure.count(expected));
      List<Long> found = Blocking.await(search.search(new SearchFilter(signal.institution(), Optional.empty(), signal.action(),
          Optional.empty(), Optional.of(signal.from()), Optional.of(signal.to())), -1, EntrySearch.MAX_LIMIT), AWAIT);
      // The day's resolutions of that institution, the dismissed ones too.
      assertThat(found).hasSize(signal.institution().orElseThrow().equals(BANK) ? 3 : 1);
    }
  }

  private JsonNode stats(Optional<String> institution) {
    Statistics statistics = new Statistics(pool, SupervisionConfig.defaults(), new DisputeConfig(Duration.ofDays(
        DisputeConfig.DEFAULT_DUE_DAYS)), Clock.fixed(MORNING, ZoneOffset.UTC));
    return Blocking.await(statistics.read(new StatsQuery(DAY, DAY.plusDays(1), institution, Optional.empty(), Granularity.DAY)), AWAIT);
  }

  private static AuditEvent resolved(String institution, String outcome, Instant time) {
    return complaint(AuditAction.COMPLAINT_RESOLVED, "regulator:pboc", institution, outcome, time);
  }

  private static AuditEvent complaint(AuditAction action, String actor, String institution, String reasonCode, Instant time) {
    AuditEvent.Builder event = AuditEvent.builder().time(time).action(action).actor(actor).subjectRef(SUBJECT)
        .institution(institution).outcome(AuditOutcome.RECORDED);
    if (reasonCode != null) {
      event.reasonCode(reasonCode);
    }
    return event.build();
  }
}
