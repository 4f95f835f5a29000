package org.consentgateway.supervision;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.consent.ConsentUses;
import org.consentgateway.dispute.DisputeConfig;
import org.consentgateway.policy.SignalPolicy;
import org.consentgateway.supervision.BaselineRules.DayCount;
import org.consentgateway.supervision.BaselineRules.HourCount;

/**
 * The signals that need a look (issue 14), computed from the supervision tables only (never from
 * a subject's data) with the thresholds of {@link SignalPolicy}: per statistics day of a
 * {@link SignalsQuery}, refusal rate, purpose shift and unusual hours against the institution's
 * own baseline ({@link BaselineRules}); many distinct subjects in a window; consents used within
 * seconds of approval; and, as of now whatever the days asked, disputes past their deadline. As
 * of the follower's cursor ({@code foldedThrough}).
 *
 * <p>Thread-safe; never blocks. A read scans the follower's query rows of its days and their
 * baseline (by time), so its cost grows with the days asked, not with the log.
 */
public final class Signals {

  private static final String DAYS = """
      select day, institution, purpose, sum(queries_allowed + queries_refused), sum(queries_refused) from supervision_cells
       where day between $1 and $2 and institution <> '' group by day, institution, purpose
      having sum(queries_allowed + queries_refused) > 0""";
  // The institutions' queries, one row each, from the rounds' groups (V32) whose times meet the range.
  private static final String QUERIES = """
      from supervision_query_groups g
      cross join lateral unnest(g.times, g.subject_refs, g.consent_ids, g.allowed) as q(time, subject_ref, consent_id, allowed)
      where g.last_time >= $1 and g.first_time < $2 and q.time >= $1 and q.time < $2""";
  private static final String HOURS = """
      select timezone($3, q.time)::date, g.institution, extract(hour from timezone($3, q.time))::int, count(*)
      %s group by 1, 2, 3""".formatted(QUERIES);
  // Fixed windows aligned to the epoch, so to the hour and the statistics day (whole hours from UTC).
  private static final String WINDOWS = """
      select g.institution, floor(extract(epoch from q.time) / $3)::bigint, count(distinct q.subject_ref)
      %s and q.subject_ref is not null group by 1, 2
      having count(distinct q.subject_ref) >= $4""".formatted(QUERIES);
  private static final String FAST_USES = """
      select timezone($4, q.time)::date, g.institution, count(distinct q.consent_id)
      %s and q.allowed and exists (select 1 from supervision_consents c where c.consent_id = q.consent_id
         and c.approved_at is not null and q.time >= c.approved_at and q.time <= c.approved_at + make_interval(secs => $3))
       group by 1, 2 having count(distinct q.consent_id) >= $5""".formatted(QUERIES);
  private static final String OVERDUE = "select count(*), min(filed_at) from supervision_open_disputes where filed_at < $1";
  private static final String CURSOR = "select last_index from supervision_cursor where id = 1";
  private static final String UPHELD = """
      select day, institution, upheld from supervision_complaints
       where day between $1 and $2 and upheld >= $3 and upheld > 0""";

  private static final Comparator<Signal> ORDER = Comparator.comparing(Signal::from).thenComparing(Signal::rule)
      .thenComparing(signal -> signal.institution().orElse("")).thenComparing(signal -> signal.purpose().orElse(""));

  private final Pool pool;
  private final SignalPolicy policy;
  private final SupervisionConfig config;
  private final DisputeConfig disputes;
  private final Clock clock;

  public Signals(Pool pool, SignalPolicy policy, SupervisionConfig config, DisputeConfig disputes, Clock clock) {
    this.pool = requireNonNull(pool, "pool is null");
    this.policy = requireNonNull(policy, "policy is null");
    this.config = requireNonNull(config, "config is null");
    this.disputes = requireNonNull(disputes, "disputes is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** The last {@value SignalsQuery#DEFAULT_DAYS} days, today included, by this gateway's clock. */
  public SignalsQuery lastWeek() {
    return SignalsQuery.weekTo(SignalsQuery.today(clock));
  }

  /** The signals of the days {@code query} asks for, oldest first. */
  public Future<SignalsReport> read(SignalsQuery query) {
    requireNonNull(query, "query is null");
    return pool.withConnection(connection -> read(connection, query));
  }

  private Future<SignalsReport> read(SqlConnection connection, SignalsQuery query) {
    BaselineRules rules = new BaselineRules(policy, query);
    Instant baselineStart = BaselineRules.start(BaselineRules.baselineStart(policy, query));
    Instant start = BaselineRules.start(query.from());
    Instant end = BaselineRules.start(query.to().plusDays(1));
    String zone = ConsentUses.LIMIT_ZONE.getId();
    int windowSeconds = policy.manySubjects().windowMinutes() * 60;
    Future<RowSet<Row>> days = select(connection, DAYS, Tuple.of(BaselineRules.baselineStart(policy, query), query.to()));
    Future<RowSet<Row>> hours = select(connection, HOURS, Tuple.of(utc(baselineStart), utc(end), zone));
    Future<RowSet<Row>> windows = select(connection, WINDOWS, Tuple.of(utc(start), utc(end), windowSeconds,
        policy.manySubjects().minSubjects()));
    Future<RowSet<Row>> fast = select(connection, FAST_USES, Tuple.of(utc(start), utc(end), policy.fastConsentUse().maxSeconds(), zone,
        policy.fastConsentUse().minCount()));
    Instant overdueBefore = clock.instant().minus(disputes.dueAfter());
    Future<RowSet<Row>> overdue = select(connection, OVERDUE, Tuple.of(utc(overdueBefore)));
    Future<RowSet<Row>> cursor = select(connection, CURSOR, Tuple.tuple());
    Future<RowSet<Row>> upheld = select(connection, UPHELD, Tuple.of(query.from(), query.to(), policy.upheldComplaints().minCount()));
    return Future.all(List.of(days, hours, windows, fast, overdue, cursor, upheld)).map(all -> {
      List<Signal> signals = new ArrayList<>();
      List<DayCount> dayCounts = new ArrayList<>();
      days.result().forEach(row -> dayCounts.add(new DayCount(row.getLocalDate(0), row.getString(1), row.getString(2),
          row.getLong(3), row.getLong(4))));
      signals.addAll(rules.refusalRate(dayCounts));
      signals.addAll(rules.purposeShift(dayCounts));
      List<HourCount> hourCounts = new ArrayList<>();
      hours.result().forEach(row -> hourCounts.add(new HourCount(row.getLocalDate(0), row.getString(1), row.getInteger(2),
          row.getLong(3))));
      signals.addAll(rules.unusualHours(hourCounts));
      windows.result().forEach(row -> signals.add(manySubjects(row, windowSeconds)));
      fast.result().forEach(row -> signals.add(fastUse(row)));
      overdue(overdue.result().iterator().next(), overdueBefore).ifPresent(signals::add);
      upheld.result().forEach(row -> signals.add(upheld(row)));
      signals.sort(ORDER);
      return new SignalsReport(signals, cursor.result().iterator().next().getLong(0));
    });
  }

  private Signal manySubjects(Row row, int windowSeconds) {
    Instant from = Instant.ofEpochSecond(row.getLong(1) * windowSeconds);
    return new Signal(SignalRule.MANY_SUBJECTS, Optional.of(row.getString(0)), Optional.empty(), Optional.of(EntryFacts.dayOf(from)),
        from, from.plusSeconds(windowSeconds), Figure.subjects(row.getLong(2), config.smallCellThreshold()), Optional.empty(),
        Figure.count(policy.manySubjects().minSubjects()), Optional.empty());
  }

  private Signal fastUse(Row row) {
    // One consent is one citizen's: the count is hidden like a distinct-subject count.
    return new Signal(SignalRule.FAST_CONSENT_USE, Optional.of(row.getString(1)), Optional.empty(), Optional.of(row.getLocalDate(0)),
        BaselineRules.start(row.getLocalDate(0)), BaselineRules.start(row.getLocalDate(0).plusDays(1)),
        Figure.subjects(row.getLong(2), config.smallCellThreshold()), Optional.empty(), Figure.count(policy.fastConsentUse().minCount()),
        Optional.of(AuditAction.QUERY_ALLOWED));
  }

  /** The open disputes filed before {@code overdueBefore}: their filings, from the oldest one's. */
  private Optional<Signal> overdue(Row row, Instant overdueBefore) {
    long count = row.getLong(0);
    if (count < policy.overdueDisputes().minCount() || count == 0) {
      return Optional.empty();
    }
    return Optional.of(new Signal(SignalRule.OVERDUE_DISPUTES, Optional.empty(), Optional.empty(), Optional.empty(),
        row.getOffsetDateTime(1).toInstant(), overdueBefore, Figure.count(count), Optional.empty(),
        Figure.count(policy.overdueDisputes().minCount()), Optional.of(AuditAction.DISPUTE_FILED)));
  }

  /** Complaints against the institution upheld that day: their {@code complaint.resolved} entries. */
  private Signal upheld(Row row) {
    LocalDate day = row.getLocalDate(0);
    return new Signal(SignalRule.UPHELD_COMPLAINTS, Optional.of(row.getString(1)), Optional.empty(), Optional.of(day),
        BaselineRules.start(day), BaselineRules.start(day.plusDays(1)), Figure.count(row.getLong(2)), Optional.empty(),
        Figure.count(policy.upheldComplaints().minCount()), Optional.of(AuditAction.COMPLAINT_RESOLVED));
  }

  private static Future<RowSet<Row>> select(SqlConnection connection, String sql, Tuple parameters) {
    return connection.preparedQuery(sql).execute(parameters);
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
