package org.consentgateway.supervision;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditConfig;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.consent.ConsentUses;
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
 * Three weeks of ordinary office-hours traffic from six institutions ({@link SyntheticActivity},
 * about 2,000 entries a day) raise no signal under the shipped thresholds; five more institutions
 * and one citizen each act out one pattern on {@link #DAY}, and each pattern raises exactly its
 * own signal, whose link finds the entries behind it. Real appender, real follower, real database.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignalsTest {

  private static final Duration AWAIT = Duration.ofSeconds(120);
  private static final int DAYS = 21;
  /** The day the patterns happen on, the last full day of the ordinary traffic. */
  private static final LocalDate DAY = LocalDate.of(2025, 3, 20);
  private static final Instant NOW = Instant.parse("2025-03-23T00:00:00Z");
  private static final List<String> ALL = SyntheticActivity.institutions(11);
  private static final List<String> ORDINARY = ALL.subList(0, 6);
  private static final String REFUSING = ALL.get(6);
  private static final String SWEEPING = ALL.get(7);
  private static final String SHIFTING = ALL.get(8);
  private static final String NIGHT_OWL = ALL.get(9);
  private static final String HASTY = ALL.get(10);
  private static final Sha256Hash HASH = Sha256Hash.digest("response".getBytes(UTF_8));

  private final Vertx vertx = Vertx.vertx();
  private final List<AuditEvent> patterns = new ArrayList<>();
  private Pool pool;
  private AuditStore store;
  private SignalsReport report;
  private int subjectSeq;

  @BeforeAll
  void fillAndFollow(DatabaseCoordinates database) {
    pool = StatisticsRecountTest.pool(vertx, database, 4);
    store = new AuditStore(pool);
    AuditLog log = new AuditLog(vertx, pool, new AuditConfig(4_096, Duration.ofMillis(2), 65_536, AuditConfig.DEFAULT_ORIGIN,
        AuditConfig.DEFAULT_CHECKPOINT_INTERVAL), Clock.systemUTC());
    SyntheticActivity ordinary = new SyntheticActivity(21, 3_000, SyntheticActivity.Habits.OFFICE);
    List<AuditEvent> weeks = new ArrayList<>();
    while (ordinary.now().isBefore(at(DAY.plusDays(2), 0, 0))) {
      weeks.addAll(ordinary.next(1_000));
    }
    SyntheticActivity.append(log, weeks);

    LocalDate first = DAY.minusDays(DAYS - 3);
    for (LocalDate day = first; day.isBefore(DAY); day = day.plusDays(1)) {
      usualDay(REFUSING, day, 60, 10, "LOAN_APPROVAL");
      usualDay(SWEEPING, day, 40, 0, "LOAN_APPROVAL");
      usualDay(SHIFTING, day, 30, 0, "LOAN_APPROVAL");
      usualDay(NIGHT_OWL, day, 30, 0, "LOAN_APPROVAL");
    }
    // refusal_rate: 48 of 80 refused (60 %) where one in ten is usual.
    for (int i = 0; i < 80; i++) {
      patterns.add(query(REFUSING, at(DAY, 9, i * 5), "LOAN_APPROVAL", i % 5 < 3, Optional.empty()));
    }
    // many_subjects: a usual day (a query every 12 minutes), and 60 distinct subjects between 14:50 and 15:00.
    usualDay(SWEEPING, DAY, 40, 0, "LOAN_APPROVAL");
    for (int i = 0; i < 60; i++) {
      patterns.add(query(SWEEPING, at(DAY, 14, 50).plusSeconds(i * 9L), "LOAN_APPROVAL", false, Optional.empty()));
    }
    // purpose_shift: a purpose never used before takes 40 of 50 queries.
    for (int i = 0; i < 50; i++) {
      patterns.add(query(SHIFTING, at(DAY, 10, i * 6), i < 40 ? "GUARANTEE" : "LOAN_APPROVAL", false, Optional.empty()));
    }
    // unusual_hours: a usual day, and 8 queries at three in the morning.
    usualDay(NIGHT_OWL, DAY, 30, 0, "LOAN_APPROVAL");
    for (int i = 0; i < 8; i++) {
      patterns.add(query(NIGHT_OWL, at(DAY, 3, i * 5), "LOAN_APPROVAL", false, Optional.empty()));
    }
    // fast_consent_use: 25 consents requested, approved and used two seconds later.
    for (int i = 0; i < 25; i++) {
      fastConsent(at(DAY, 11, i * 2));
    }
    // overdue_disputes: filed seven weeks before now, never resolved.
    patterns.add(AuditEvent.builder().time(NOW.minus(Duration.ofDays(49))).action(AuditAction.DISPUTE_FILED).actor("citizen:" + subject())
        .outcome(AuditOutcome.RECORDED).subjectRef(lastSubject()).build());
    SyntheticActivity.append(log, patterns);
    Blocking.await(log.close(), AWAIT);

    Blocking.await(new LogFollower(vertx, pool, store, SupervisionConfig.CHUNK_ENTRIES).catchUp(), AWAIT);
    report = Blocking.await(signals(SupervisionConfig.defaults()).read(new SignalsQuery(first.minusDays(1), DAY.plusDays(2))), AWAIT);
  }

  @AfterAll
  void close() {
    Blocking.await(pool.close(), AWAIT);
    Blocking.await(vertx.close(), AWAIT);
  }

  @Test
  void ordinaryTrafficOverWeeksRaisesNothing() {
    assertThat(report.signals()).filteredOn(signal -> signal.institution().filter(ORDINARY::contains).isPresent()).isEmpty();
    assertThat(report.foldedThrough()).isPositive();
  }

  @Test
  void eachPatternRaisesExactlyItsOwnSignal() {
    Map<SignalRule, List<String>> raised = new HashMap<>();
    report.signals().forEach(signal -> raised.computeIfAbsent(signal.rule(), rule -> new ArrayList<>())
        .add(signal.institution().orElse("-") + " " + signal.day().map(LocalDate::toString).orElse("-")));

    assertThat(raised).containsOnly(
        Map.entry(SignalRule.REFUSAL_RATE, List.of(REFUSING + " " + DAY)),
        Map.entry(SignalRule.MANY_SUBJECTS, List.of(SWEEPING + " " + DAY)),
        Map.entry(SignalRule.PURPOSE_SHIFT, List.of(SHIFTING + " " + DAY)),
        Map.entry(SignalRule.UNUSUAL_HOURS, List.of(NIGHT_OWL + " " + DAY)),
        Map.entry(SignalRule.FAST_CONSENT_USE, List.of(HASTY + " " + DAY)),
        Map.entry(SignalRule.OVERDUE_DISPUTES, List.of("- -")));
  }

  @Test
  void eachSignalSaysWhatWasObservedAgainstWhichThreshold() {
    JsonNode json = report.json();
    Map<String, JsonNode> byRule = new HashMap<>();
    json.get("signals").forEach(signal -> byRule.put(signal.get("rule").asText(), signal));

    assertThat(byRule.get("refusal_rate").get("observed").decimalValue()).isEqualByComparingTo("0.6");
    assertThat(byRule.get("refusal_rate").get("baseline").decimalValue()).isEqualByComparingTo("0.1");
    assertThat(byRule.get("refusal_rate").get("threshold").decimalValue()).isEqualByComparingTo("0.3");
    assertThat(byRule.get("refusal_rate").get("entries").asText()).isEqualTo("/v1/audit/search?institution=" + REFUSING
        + "&from=2025-03-19T16:00:00Z&to=2025-03-20T16:00:00Z&action=query.denied");
    assertThat(byRule.get("many_subjects").get("observed").asLong()).isEqualTo(60);
    assertThat(byRule.get("many_subjects").get("entries").asText()).isEqualTo("/v1/audit/search?institution=" + SWEEPING
        + "&from=2025-03-20T06:50:00Z&to=2025-03-20T07:00:00Z");
    assertThat(byRule.get("purpose_shift").get("purpose").asText()).isEqualTo("GUARANTEE");
    assertThat(byRule.get("purpose_shift").get("observed").decimalValue()).isEqualByComparingTo("0.8");
    assertThat(byRule.get("unusual_hours").get("from").asText()).isEqualTo("2025-03-19T19:00:00Z");
    assertThat(byRule.get("unusual_hours").get("observed").asLong()).isEqualTo(8);
    assertThat(byRule.get("fast_consent_use").get("observed").asLong()).isEqualTo(25);
    assertThat(byRule.get("overdue_disputes").get("observed").asLong()).isEqualTo(1);
    assertThat(byRule.get("overdue_disputes").has("institution")).isFalse();
    assertThat(json.get("foldedThrough").asLong()).isEqualTo(report.foldedThrough());
  }

  @Test
  void eachSignalsLinkFindsTheEntriesBehindIt() {
    EntrySearch search = new EntrySearch(pool, store);
    for (Signal signal : report.signals()) {
      SearchFilter filter = new SearchFilter(signal.institution(), signal.purpose(), signal.action(), Optional.empty(),
          Optional.of(signal.from()), Optional.of(signal.to()));
      List<Long> found = Blocking.await(search.search(filter, -1, EntrySearch.MAX_LIMIT), AWAIT);
      long expected = switch (signal.rule()) {
        case REFUSAL_RATE -> 48;
        case MANY_SUBJECTS -> 60;
        case PURPOSE_SHIFT -> 40;
        case UNUSUAL_HOURS -> 8;
        case FAST_CONSENT_USE -> 25;
        // Every filing up to the deadline's cut-off: the overdue one, and older ones since resolved.
        case OVERDUE_DISPUTES -> found.size();
        // This activity resolves no complaint (ComplaintStatisticsTest raises this rule).
        case UPHELD_COMPLAINTS -> throw new AssertionError("no complaint was resolved");
      };
      assertThat(found).as(signal.rule().wireName()).isNotEmpty().hasSize((int) expected);
    }
  }

  @Test
  void aDistinctSubjectCountUnderTheSmallCellThresholdIsNeverANumber() {
    SignalsReport strict = Blocking.await(signals(new SupervisionConfig(100)).read(new SignalsQuery(DAY, DAY)), AWAIT);

    Signal sweep = strict.signals().stream().filter(signal -> signal.rule() == SignalRule.MANY_SUBJECTS).findFirst().orElseThrow();
    assertThat(sweep.observed().value()).isEmpty();
    assertThat(sweep.observed().text()).isEqualTo("< 100");
    JsonNode json = strict.json().get("signals");
    json.forEach(signal -> {
      if (signal.get("rule").asText().equals("many_subjects") || signal.get("rule").asText().equals("fast_consent_use")) {
        assertThat(signal.get("observed").asText()).isEqualTo("< 100");
      }
    });
  }

  private Signals signals(SupervisionConfig config) {
    return new Signals(pool, SignalPolicy.defaults(), config, new DisputeConfig(Duration.ofDays(DisputeConfig.DEFAULT_DUE_DAYS)), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** {@code count} queries spread over 09:00 to 17:00, every {@code refusedEvery}-th refused (0: none). */
  private void usualDay(String institution, LocalDate day, int count, int refusedEvery, String purpose) {
    long spacing = 8 * 3600 / count;
    for (int i = 0; i < count; i++) {
      boolean refused = refusedEvery > 0 && i % refusedEvery == 0;
      patterns.add(query(institution, at(day, 9, 0).plusSeconds(i * spacing), purpose, refused, Optional.empty()));
    }
  }

  private void fastConsent(Instant approvedAt) {
    String subject = subject();
    String consent = UUID.randomUUID().toString();
    patterns.add(AuditEvent.builder().time(approvedAt.minusSeconds(60)).action(AuditAction.CONSENT_REQUESTED)
        .actor("institution:" + HASTY).outcome(AuditOutcome.RECORDED).subjectRef(subject).purpose("LOAN_APPROVAL").grade("SUMMARY")
        .build());
    patterns.add(AuditEvent.builder().time(approvedAt).action(AuditAction.CONSENT_APPROVED).actor("citizen:" + subject)
        .outcome(AuditOutcome.RECORDED).subjectRef(subject).purpose("LOAN_APPROVAL").grade("SUMMARY").consentId(consent).build());
    patterns.add(query(HASTY, approvedAt.plusSeconds(2), "LOAN_APPROVAL", false, Optional.of(consent), subject));
  }

  private AuditEvent query(String institution, Instant time, String purpose, boolean refused, Optional<String> consent) {
    return query(institution, time, purpose, refused, consent, subject());
  }

  private AuditEvent query(String institution, Instant time, String purpose, boolean refused, Optional<String> consent,
      String subject) {
    AuditEvent.Builder event = AuditEvent.builder().time(time).actor("institution:" + institution).grade("SUMMARY").policyHash(HASH)
        .purpose(purpose).subjectRef(subject).consentId(consent.orElseGet(() -> UUID.randomUUID().toString()));
    if (refused) {
      return event.action(AuditAction.QUERY_DENIED).outcome(AuditOutcome.DENIED).reasonCode("consent_expired").build();
    }
    return event.action(AuditAction.QUERY_ALLOWED).outcome(AuditOutcome.ALLOWED).disclosedFields(List.of("summary.accountCount"))
        .responseHash(HASH).build();
  }

  /** A new subject each time: the patterns' subjects are all distinct. */
  private String subject() {
    subjectSeq++;
    return lastSubject();
  }

  private String lastSubject() {
    return String.format("%064x", 0xfa11L * 1_000_000 + subjectSeq);
  }

  private static Instant at(LocalDate day, int hour, int minute) {
    return day.atTime(hour, 0).plusMinutes(minute).atZone(ConsentUses.LIMIT_ZONE).toInstant();
  }
}
