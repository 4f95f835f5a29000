package org.consentgateway.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.audit.AuditEvent;

/**
 * The statistics counted again, in memory, straight from the raw entries, written apart from the
 * follower's fold: what a regulator who distrusts the aggregates would compute. {@link #check}
 * compares every number of a {@code GET /v1/audit/stats} body with it: counts exactly, medians to
 * their histogram bucket ({@link #bucketedMedian}).
 */
final class Recount {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  final Map<Cell, long[]> counts = new HashMap<>();
  final Map<Cell, Map<String, Long>> refusals = new HashMap<>();
  final Map<Cell, Set<String>> subjects = new HashMap<>();
  final Map<Cell, List<Long>> decisionMillis = new HashMap<>();
  final Map<LocalDate, long[]> disputes = new HashMap<>();
  final Map<LocalDate, List<Long>> resolutionMillis = new HashMap<>();
  final Map<LocalDate, Map<String, Long>> reads = new HashMap<>();
  private final Map<String, Deque<long[]>> requests = new HashMap<>();       // key -> [requestedAtMillis], with institution aside
  private final Map<String, Deque<String>> requestInstitutions = new HashMap<>();
  private final Map<String, String> consentInstitutions = new HashMap<>();
  private final Map<String, Deque<Instant>> openDisputes = new HashMap<>();

  static Recount of(List<AuditEntry> entries) {
    Recount recount = new Recount();
    entries.forEach(entry -> recount.add(entry.event()));
    return recount;
  }

  private void add(AuditEvent event) {
    LocalDate day = LocalDate.ofInstant(event.time(), SHANGHAI);
    String actor = event.actor();
    String institution = actor.startsWith("institution:") ? actor.substring("institution:".length()) : "";
    String purpose = event.purpose().orElse("");
    String grade = event.grade().orElse("");
    String requestKey = event.subjectRef().orElse("") + "/" + purpose + "/" + grade;
    switch (event.action()) {
      case QUERY_ALLOWED, QUERY_DENIED -> {
        if (!institution.isEmpty()) {
          Cell cell = new Cell(day, institution, purpose, grade);
          boolean allowed = event.action() == org.consentgateway.audit.AuditAction.QUERY_ALLOWED;
          bump(cell, allowed ? CellColumn.QUERIES_ALLOWED : CellColumn.QUERIES_REFUSED);
          if (!allowed) {
            refusals.computeIfAbsent(cell, c -> new TreeMap<>()).merge(event.reasonCode().orElseThrow(), 1L, Long::sum);
          }
          event.subjectRef().ifPresent(subject -> subjects.computeIfAbsent(cell, c -> new HashSet<>()).add(subject));
        }
      }
      case CONSENT_REQUESTED -> {
        bump(new Cell(day, institution, purpose, grade), CellColumn.CONSENTS_REQUESTED);
        requests.computeIfAbsent(requestKey, k -> new ArrayDeque<>()).add(new long[] {event.time().toEpochMilli()});
        requestInstitutions.computeIfAbsent(requestKey, k -> new ArrayDeque<>()).add(institution);
      }
      case CONSENT_APPROVED, CONSENT_REJECTED, CONSENT_REQUEST_EXPIRED -> {
        Deque<long[]> open = requests.getOrDefault(requestKey, new ArrayDeque<>());
        long[] requestedAt = open.pollFirst();
        String owner = requestedAt == null ? "" : requestInstitutions.get(requestKey).pollFirst();
        Cell cell = new Cell(day, owner, purpose, grade);
        CellColumn column = switch (event.action()) {
          case CONSENT_APPROVED -> CellColumn.CONSENTS_APPROVED;
          case CONSENT_REJECTED -> CellColumn.CONSENTS_REJECTED;
          default -> CellColumn.REQUESTS_EXPIRED;
        };
        bump(cell, column);
        if (requestedAt != null && column != CellColumn.REQUESTS_EXPIRED) {
          decisionMillis.computeIfAbsent(cell, c -> new ArrayList<>()).add(event.time().toEpochMilli() - requestedAt[0]);
        }
        if (column == CellColumn.CONSENTS_APPROVED) {
          consentInstitutions.put(event.consentId().orElseThrow(), owner);
        }
      }
      case CONSENT_REVOKED, CONSENT_EXPIRED, CONSENT_PAUSED, CONSENT_RESUMED -> {
        Cell cell = new Cell(day, consentInstitutions.getOrDefault(event.consentId().orElseThrow(), ""), purpose, grade);
        bump(cell, switch (event.action()) {
          case CONSENT_REVOKED -> CellColumn.CONSENTS_REVOKED;
          case CONSENT_EXPIRED -> CellColumn.CONSENTS_EXPIRED;
          case CONSENT_PAUSED -> CellColumn.CONSENTS_PAUSED;
          default -> CellColumn.CONSENTS_RESUMED;
        });
      }
      case DISPUTE_FILED -> {
        disputes.computeIfAbsent(day, d -> new long[2])[0]++;
        openDisputes.computeIfAbsent(event.subjectRef().orElseThrow(), s -> new ArrayDeque<>()).add(event.time());
      }
      case DISPUTE_RESOLVED -> {
        disputes.computeIfAbsent(day, d -> new long[2])[1]++;
        Instant filed = openDisputes.getOrDefault(event.subjectRef().orElseThrow(), new ArrayDeque<>()).pollFirst();
        if (filed != null) {
          resolutionMillis.computeIfAbsent(day, d -> new ArrayList<>()).add(event.time().toEpochMilli() - filed.toEpochMilli());
        }
      }
      case AUDIT_READ -> reads.computeIfAbsent(day, d -> new TreeMap<>()).merge(actor, 1L, Long::sum);
      case RECORD_CORRECTED, STATEMENT_ATTACHED, STATEMENT_REMOVED, DATA_EXPORTED -> { }
      case COMPLAINT_FILED, COMPLAINT_ACKNOWLEDGED, COMPLAINT_INFORMATION_REQUESTED, COMPLAINT_RESPONDED, COMPLAINT_RESOLVED -> { }
    }
  }

  private void bump(Cell cell, CellColumn column) {
    counts.computeIfAbsent(cell, c -> new long[CellColumn.values().length])[column.ordinal()]++;
  }

  /** Open disputes filed on {@code day} and past {@code dueAfter} at {@code now}. */
  long overdue(LocalDate day, Instant now, Duration dueAfter) {
    return openDisputes.values().stream().flatMap(Deque::stream)
        .filter(filed -> LocalDate.ofInstant(filed, SHANGHAI).equals(day) && now.isAfter(filed.plus(dueAfter))).count();
  }

  /** percentile_disc(0.5): the first value whose cumulative share reaches one half. */
  static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get((int) Math.ceil(sorted.size() * 0.5) - 1);
  }

  /**
   * What the statistics answer for the exact median of {@code values}: the follower keeps
   * histograms, not durations, so a median is exact to its bucket and given as the bucket's
   * middle. The bucket function is monotone, so the histogram's median bucket is always the exact
   * median's bucket: equality here is the whole precision claim, and the value is within 1 % (and
   * half a millisecond) of the exact median.
   */
  static long bucketedMedian(List<Long> values) {
    long exact = median(values);
    long answered = DurationBuckets.representative(DurationBuckets.of(exact));
    assertThat((double) Math.abs(answered - exact)).as("within the bucket's precision of %d ms", exact)
        .isLessThanOrEqualTo(0.01 * exact + 0.5);
    return answered;
  }

  /** Checks every number of {@code stats} (read with {@code threshold}) against this recount. */
  void check(JsonNode stats, int threshold, Instant now, Duration dueAfter) {
    Set<Cell> seen = new HashSet<>();
    long[] totals = new long[CellColumn.values().length];
    for (JsonNode day : stats.get("days")) {
      LocalDate date = LocalDate.parse(day.get("day").asText());
      for (JsonNode json : day.get("cells")) {
        Cell cell = new Cell(date, text(json, "institution"), text(json, "purpose"), text(json, "grade"));
        assertThat(seen.add(cell)).as("one row per cell").isTrue();
        long[] expected = counts.get(cell);
        assertThat(expected).as("a cell the recount has: %s", cell).isNotNull();
        for (int i = 0; i < totals.length; i++) {
          totals[i] += expected[i];
        }
        assertThat(json.at("/queries/allowed").asLong()).as("allowed %s", cell).isEqualTo(expected[CellColumn.QUERIES_ALLOWED.ordinal()]);
        assertThat(json.at("/queries/refused").asLong()).isEqualTo(expected[CellColumn.QUERIES_REFUSED.ordinal()]);
        Map<String, Long> reasons = new TreeMap<>();
        json.at("/queries/refusedByReason").fields().forEachRemaining(field -> reasons.put(field.getKey(), field.getValue().asLong()));
        assertThat(reasons).isEqualTo(refusals.getOrDefault(cell, Map.of()));
        int distinct = subjects.getOrDefault(cell, Set.of()).size();
        if (distinct < threshold) {
          assertThat(json.get("distinctSubjects").asText()).isEqualTo("< " + threshold);
        } else {
          assertThat(json.get("distinctSubjects").isNumber()).isTrue();
          assertThat(json.get("distinctSubjects").asLong()).as("distinct subjects %s", cell).isEqualTo(distinct);
        }
        JsonNode consents = json.get("consents");
        assertThat(consents.get("requested").asLong()).as("requested %s", cell).isEqualTo(expected[CellColumn.CONSENTS_REQUESTED.ordinal()]);
        assertThat(consents.get("approved").asLong()).as("approved %s", cell).isEqualTo(expected[CellColumn.CONSENTS_APPROVED.ordinal()]);
        assertThat(consents.get("rejected").asLong()).isEqualTo(expected[CellColumn.CONSENTS_REJECTED.ordinal()]);
        assertThat(consents.get("revoked").asLong()).isEqualTo(expected[CellColumn.CONSENTS_REVOKED.ordinal()]);
        assertThat(consents.get("expired").asLong()).isEqualTo(expected[CellColumn.CONSENTS_EXPIRED.ordinal()]);
        assertThat(consents.get("paused").asLong()).isEqualTo(expected[CellColumn.CONSENTS_PAUSED.ordinal()]);
        assertThat(consents.get("resumed").asLong()).isEqualTo(expected[CellColumn.CONSENTS_RESUMED.ordinal()]);
        assertThat(consents.get("requestsExpired").asLong()).isEqualTo(expected[CellColumn.REQUESTS_EXPIRED.ordinal()]);
        List<Long> durations = decisionMillis.getOrDefault(cell, List.of());
        if (durations.isEmpty()) {
          assertThat(consents.get("medianDecisionMillis").isNull()).isTrue();
        } else {
          assertThat(consents.get("medianDecisionMillis").asLong()).as("median %s", cell).isEqualTo(bucketedMedian(durations));
        }
      }
      long[] expectedDisputes = disputes.getOrDefault(date, new long[2]);
      assertThat(day.at("/disputes/filed").asLong()).isEqualTo(expectedDisputes[0]);
      assertThat(day.at("/disputes/resolved").asLong()).isEqualTo(expectedDisputes[1]);
      assertThat(day.at("/disputes/overdue").asLong()).isEqualTo(overdue(date, now, dueAfter));
      List<Long> resolved = resolutionMillis.getOrDefault(date, List.of());
      if (resolved.isEmpty()) {
        assertThat(day.at("/disputes/medianResolutionMillis").isNull()).isTrue();
      } else {
        assertThat(day.at("/disputes/medianResolutionMillis").asLong()).isEqualTo(bucketedMedian(resolved));
      }
      Map<String, Long> byRegulator = new TreeMap<>();
      day.at("/regulatorReads/byRegulator").fields().forEachRemaining(field -> byRegulator.put(field.getKey(), field.getValue().asLong()));
      assertThat(byRegulator).isEqualTo(reads.getOrDefault(date, Map.of()));
    }
    assertThat(seen).as("every cell the recount has is in the statistics").containsExactlyInAnyOrderElementsOf(counts.keySet());
    JsonNode total = stats.get("totals");
    assertThat(total.at("/queries/allowed").asLong()).isEqualTo(totals[CellColumn.QUERIES_ALLOWED.ordinal()]);
    assertThat(total.at("/consents/approved").asLong()).isEqualTo(totals[CellColumn.CONSENTS_APPROVED.ordinal()]);
    assertThat(total.at("/consents/medianDecisionMillis").asLong())
        .isEqualTo(bucketedMedian(decisionMillis.values().stream().flatMap(List::stream).toList()));
    List<Long> resolutions = resolutionMillis.values().stream().flatMap(List::stream).toList();
    if (!resolutions.isEmpty()) {
      assertThat(total.at("/disputes/medianResolutionMillis").asLong()).isEqualTo(bucketedMedian(resolutions));
    }
    assertThat(total.at("/subjectDays").asLong()).isEqualTo(subjects.values().stream().mapToLong(Set::size).sum());
  }

  /**
   * Checks a read counted by week or month ({@code granularity}, over the recount's whole window,
   * every institution, read with {@code threshold}): each period's cells are the sums of its days',
   * its subject-days shown only when every day of it with subjects had at least the threshold
   * (and some day had some),
   * its medians those of all its days' durations, to the bucket.
   */
  void checkPeriods(JsonNode stats, Granularity granularity, int threshold, Instant now, Duration dueAfter) {
    assertThat(stats.get("granularity").asText()).isEqualTo(granularity.code());
    assertThat(stats.has("days")).isFalse();
    Map<Cell, long[]> periodCounts = new HashMap<>();
    Map<Cell, Map<String, Long>> periodRefusals = new HashMap<>();
    Map<Cell, long[]> periodSubjects = new HashMap<>();   // [sum, fewest on a day with any (0: none)]
    counts.forEach((cell, n) -> {
      Cell period = new Cell(granularity.periodOf(cell.day()), cell.institution(), cell.purpose(), cell.grade());
      long[] sums = periodCounts.computeIfAbsent(period, c -> new long[n.length]);
      for (int i = 0; i < n.length; i++) {
        sums[i] += n[i];
      }
      refusals.getOrDefault(cell, Map.of()).forEach((reason, k) ->
          periodRefusals.computeIfAbsent(period, c -> new TreeMap<>()).merge(reason, k, Long::sum));
      int distinct = subjects.getOrDefault(cell, Set.of()).size();
      long[] subjectDays = periodSubjects.computeIfAbsent(period, c -> new long[2]);
      subjectDays[0] += distinct;
      if (distinct > 0) {
        subjectDays[1] = subjectDays[1] == 0 ? distinct : Math.min(subjectDays[1], distinct);
      }
    });
    Set<Cell> seen = new HashSet<>();
    for (JsonNode period : stats.get("periods")) {
      LocalDate from = LocalDate.parse(period.get("from").asText());
      LocalDate first = granularity.periodOf(from);
      assertThat(from).as("whole periods").isEqualTo(first);
      assertThat(LocalDate.parse(period.get("to").asText())).isEqualTo(granularity.lastDayOf(first));
      for (JsonNode json : period.get("cells")) {
        Cell cell = new Cell(first, text(json, "institution"), text(json, "purpose"), text(json, "grade"));
        assertThat(seen.add(cell)).as("one row per period's cell").isTrue();
        long[] expected = periodCounts.get(cell);
        assertThat(expected).as("a period's cell the recount has: %s", cell).isNotNull();
        assertThat(json.at("/queries/allowed").asLong()).as("allowed %s", cell).isEqualTo(expected[CellColumn.QUERIES_ALLOWED.ordinal()]);
        assertThat(json.at("/queries/refused").asLong()).isEqualTo(expected[CellColumn.QUERIES_REFUSED.ordinal()]);
        Map<String, Long> reasons = new TreeMap<>();
        json.at("/queries/refusedByReason").fields().forEachRemaining(field -> reasons.put(field.getKey(), field.getValue().asLong()));
        assertThat(reasons).isEqualTo(periodRefusals.getOrDefault(cell, Map.of()));
        long[] subjectDays = periodSubjects.get(cell);
        if (subjectDays[1] < threshold) {
          assertThat(json.get("subjectDays").asText()).as("subject-days of %s", cell).isEqualTo(StatsReport.WITHHELD);
        } else {
          assertThat(json.get("subjectDays").asLong()).as("subject-days of %s", cell).isEqualTo(subjectDays[0]);
        }
        assertThat(json.has("distinctSubjects")).isFalse();
        JsonNode consents = json.get("consents");
        assertThat(consents.get("requested").asLong()).isEqualTo(expected[CellColumn.CONSENTS_REQUESTED.ordinal()]);
        assertThat(consents.get("approved").asLong()).isEqualTo(expected[CellColumn.CONSENTS_APPROVED.ordinal()]);
        assertThat(consents.get("revoked").asLong()).isEqualTo(expected[CellColumn.CONSENTS_REVOKED.ordinal()]);
        assertThat(consents.get("requestsExpired").asLong()).isEqualTo(expected[CellColumn.REQUESTS_EXPIRED.ordinal()]);
        assertThat(consents.has("medianDecisionMillis")).as("no median per period's cell").isFalse();
      }
      List<Long> decisions = decisionMillis.entrySet().stream().filter(entry -> granularity.periodOf(entry.getKey().day()).equals(first))
          .flatMap(entry -> entry.getValue().stream()).toList();
      if (decisions.isEmpty()) {
        assertThat(period.get("medianDecisionMillis").isNull()).isTrue();
      } else {
        assertThat(period.get("medianDecisionMillis").asLong()).isEqualTo(bucketedMedian(decisions));
      }
      long filed = 0;
      long resolvedCount = 0;
      long overdue = 0;
      List<Long> resolved = new ArrayList<>();
      Map<String, Long> byRegulator = new TreeMap<>();
      for (LocalDate day = from; !day.isAfter(LocalDate.parse(period.get("to").asText())); day = day.plusDays(1)) {
        filed += disputes.getOrDefault(day, new long[2])[0];
        resolvedCount += disputes.getOrDefault(day, new long[2])[1];
        overdue += overdue(day, now, dueAfter);
        resolved.addAll(resolutionMillis.getOrDefault(day, List.of()));
        reads.getOrDefault(day, Map.of()).forEach((regulator, n) -> byRegulator.merge(regulator, n, Long::sum));
      }
      assertThat(period.at("/disputes/filed").asLong()).isEqualTo(filed);
      assertThat(period.at("/disputes/resolved").asLong()).isEqualTo(resolvedCount);
      assertThat(period.at("/disputes/overdue").asLong()).isEqualTo(overdue);
      if (resolved.isEmpty()) {
        assertThat(period.at("/disputes/medianResolutionMillis").isNull()).isTrue();
      } else {
        assertThat(period.at("/disputes/medianResolutionMillis").asLong()).isEqualTo(bucketedMedian(resolved));
      }
      Map<String, Long> shown = new TreeMap<>();
      period.at("/regulatorReads/byRegulator").fields().forEachRemaining(field -> shown.put(field.getKey(), field.getValue().asLong()));
      assertThat(shown).isEqualTo(byRegulator);
    }
    assertThat(seen).as("every period's cell the recount has").containsExactlyInAnyOrderElementsOf(periodCounts.keySet());
  }

  private static String text(JsonNode json, String name) {
    return json.get(name).isNull() ? "" : json.get(name).asText();
  }
}
