package org.consentgateway.supervision;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.consentgateway.supervision.FoldChanges.Approval;
import org.consentgateway.supervision.FoldChanges.DurationBucket;
import org.consentgateway.supervision.FoldChanges.Facet;
import org.consentgateway.supervision.FoldChanges.Query;
import org.consentgateway.supervision.FoldChanges.Refusal;
import org.consentgateway.supervision.FoldChanges.RegulatorDay;
import org.consentgateway.supervision.FoldChanges.SeenSubject;
import org.consentgateway.supervision.FoldState.OpenDispute;
import org.consentgateway.supervision.FoldState.OpenRequest;
import org.consentgateway.supervision.FoldState.RequestKey;

/**
 * The follower's SQL, all on the connection of one transaction: lock the cursor, load the state a
 * chunk needs, write what the fold changed (each kind of row in one statement over {@code unnest}
 * arrays) and move the cursor. Stateless; never blocks.
 */
final class FollowerStore {

  // SKIP LOCKED: while another gateway folds, this one has nothing to do; it never waits for it.
  private static final String LOCK_CURSOR = "select last_index from supervision_cursor where id = 1 for update skip locked";
  private static final String MOVE_CURSOR =
      "update supervision_cursor set last_index = $1, updated_at = now() where id = 1 and last_index = $2";
  private static final String OPEN_REQUESTS = """
      select request_index, subject_ref, purpose, grade, institution, requested_at from supervision_open_requests
       where (subject_ref, purpose, grade) in (select * from unnest($1::text[], $2::text[], $3::text[]))
       order by request_index""";
  private static final String CONSENTS = "select consent_id, institution from supervision_consents where consent_id = any($1::text[])";
  private static final String OPEN_DISPUTES = """
      select filed_index, subject_ref, filed_at, day from supervision_open_disputes
       where subject_ref = any($1::text[]) order by filed_index""";
  private static final String CELLS = cellsUpsert();
  // Each day's counts also go to its week's and its month's rows (V28), from the same arrays:
  // summed per period first, as two days of a round may share one.
  private static final String PERIODS = "cross join (values ('week'), ('month')) as u(unit)";
  private static final String PERIOD = "date_trunc(u.unit, d.day::timestamp)::date";
  private static final String PERIOD_CELLS = periodCellsUpsert();
  private static final String REFUSALS = """
      insert into supervision_refusals (day, institution, purpose, grade, reason_code, n)
      select * from unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])
      on conflict (day, institution, purpose, grade, reason_code) do update set n = supervision_refusals.n + excluded.n""";
  private static final String PERIOD_REFUSALS = """
      insert into supervision_period_refusals (unit, first_day, institution, purpose, grade, reason_code, n)
      select u.unit, %s, d.institution, d.purpose, d.grade, d.reason_code, sum(d.n)
        from unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])
             as d(day, institution, purpose, grade, reason_code, n) %s
       group by 1, 2, 3, 4, 5, 6
      on conflict (unit, first_day, institution, purpose, grade, reason_code)
      do update set n = supervision_period_refusals.n + excluded.n""".formatted(PERIOD, PERIODS);
  // A cell's distinct count grows by the subjects inserted into its seen-set for the first time
  // (V30: keyed by the day and a digest of cell and subject, SeenKey); its week's and month's subject-days by as many.
  private static final String SUBJECTS = """
      with fresh as (
        insert into supervision_subjects (day, seen, institution, purpose, grade)
        select * from unnest($1::date[], $2::uuid[], $3::text[], $4::text[], $5::text[])
        on conflict do nothing
        returning day, institution, purpose, grade),
      counted as (
        select day, institution, purpose, grade, count(*) as n from fresh group by day, institution, purpose, grade),
      periods as (
        insert into supervision_period_cells (unit, first_day, institution, purpose, grade, subject_days)
        select u.unit, %s, d.institution, d.purpose, d.grade, sum(d.n) from counted d %s group by 1, 2, 3, 4, 5
        on conflict (unit, first_day, institution, purpose, grade)
        do update set subject_days = supervision_period_cells.subject_days + excluded.subject_days)
      insert into supervision_cells (day, institution, purpose, grade, subjects)
      select day, institution, purpose, grade, n from counted
      on conflict (day, institution, purpose, grade) do update set subjects = supervision_cells.subjects + excluded.subjects"""
      .formatted(PERIOD, PERIODS);
  private static final String REGULATOR_READS = """
      insert into supervision_regulator_reads (day, regulator, n) select * from unnest($1::date[], $2::text[], $3::bigint[])
      on conflict (day, regulator) do update set n = supervision_regulator_reads.n + excluded.n""";
  private static final String DISPUTES = """
      insert into supervision_disputes (day, filed, resolved) select * from unnest($1::date[], $2::bigint[], $3::bigint[])
      on conflict (day) do update set filed = supervision_disputes.filed + excluded.filed,
                                      resolved = supervision_disputes.resolved + excluded.resolved""";
  private static final String OPEN_REQUEST = """
      insert into supervision_open_requests (request_index, subject_ref, purpose, grade, institution, requested_at)
      select * from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])""";
  private static final String CLOSE_REQUESTS = "delete from supervision_open_requests where request_index = any($1::bigint[])";
  private static final String APPROVED = """
      insert into supervision_consents (consent_id, institution, approved_at)
      select * from unnest($1::text[], $2::text[], $3::timestamptz[])
      on conflict (consent_id) do nothing""";
  // Each decision's duration counted in its cell's histogram (V22; DurationBuckets).
  private static final String DURATION_BUCKETS = """
      insert into supervision_duration_buckets (kind, day, institution, purpose, grade, bucket, n)
      select * from unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::text[], $6::smallint[], $7::bigint[])
      on conflict (kind, institution, day, purpose, grade, bucket) do update set n = supervision_duration_buckets.n + excluded.n""";
  // ...in its week's and month's histogram of its institution (V28; consent only: the medians of a
  // page of one institution counted by week or month)...
  private static final String PERIOD_BUCKETS = """
      insert into supervision_period_buckets (unit, first_day, institution, bucket, n)
      select u.unit, %s, d.institution, d.bucket, sum(d.n)
        from unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::text[], $6::smallint[], $7::bigint[])
             as d(kind, day, institution, purpose, grade, bucket, n) %s
       where d.kind = 'consent'
       group by 1, 2, 3, 4
      on conflict (institution, unit, first_day, bucket) do update set n = supervision_period_buckets.n + excluded.n"""
      .formatted(PERIOD, PERIODS);
  // ...and in its day's, one array a day: counts[b + 1] durations in bucket b. Added element by
  // element; the longer array's tail is kept (unnest pads the shorter with nulls).
  private static final String DURATION_DAY = """
      insert into supervision_duration_days (kind, day, counts) values ($1, $2, $3::bigint[])
      on conflict (kind, day) do update set counts = (
          select array_agg(coalesce(a, 0) + coalesce(b, 0) order by i)
            from unnest(supervision_duration_days.counts, excluded.counts) with ordinality as t(a, b, i))""";
  // The median bucket of each cell a round timed a decision in, from its histogram just written
  // (percentile_disc(0.5): the first bucket by which half are counted). Kept on the cell because a
  // day's cell has about as many decisions as buckets: merging at read time would cost a sort's worth.
  // Correlated, cell by cell: each histogram is read in its primary key's (bucket) order, no sort.
  private static final String CELL_MEDIANS = """
      update supervision_cells c set median_decision_bucket = (
          select bucket from (select bucket, sum(n) over (order by bucket) as up_to, sum(n) over () as total
                                from supervision_duration_buckets b
                               where b.kind = 'consent' and b.day = c.day and b.institution = c.institution
                                 and b.purpose = c.purpose and b.grade = c.grade) counted
           where 2 * up_to >= total order by bucket limit 1)
       where (c.day, c.institution, c.purpose, c.grade) in (select * from unnest($1::date[], $2::text[], $3::text[], $4::text[]))""";
  private static final String OPEN_DISPUTE = """
      insert into supervision_open_disputes (filed_index, subject_ref, filed_at, day)
      select * from unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::date[])""";
  private static final String CLOSE_DISPUTES = "delete from supervision_open_disputes where filed_index = any($1::bigint[])";
  // The round's entries, a row per group that shares all their facets (V32): the groups' keys as
  // arrays, then each entry's group (its position among the keys), index and time.
  private static final String FACETS = """
      insert into supervision_entry_groups (round_last, institution, purpose, action, outcome, reason_code, idxs, times, first_time, last_time)
      select $1, k.institution, k.purpose, k.action, k.outcome, k.reason_code, e.idxs, e.times, e.first_time, e.last_time
        from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
             with ordinality as k(institution, purpose, action, outcome, reason_code, g)
        join (select g, array_agg(idx order by idx) as idxs, array_agg(time order by idx) as times, min(time) as first_time,
                     max(time) as last_time
                from unnest($7::int[], $8::bigint[], $9::timestamptz[]) as e(g, idx, time) group by g) e using (g)""";

  private static final String ENTRY_DAYS = """
      insert into supervision_entry_days (day, first_idx, last_idx)
      select * from unnest($1::date[], $2::bigint[], $3::bigint[])
      on conflict (day) do update set first_idx = least(supervision_entry_days.first_idx, excluded.first_idx),
                                      last_idx = greatest(supervision_entry_days.last_idx, excluded.last_idx)""";

  // The round's queries, a row per institution (V32): the institutions, then each query's
  // institution (its position among them), index (for the order), time, subject, consent and outcome.
  private static final String QUERIES = """
      insert into supervision_query_groups (round_last, institution, times, subject_refs, consent_ids, allowed, first_time, last_time)
      select $1, k.institution, q.times, q.subject_refs, q.consent_ids, q.allowed, q.first_time, q.last_time
        from unnest($2::text[]) with ordinality as k(institution, g)
        join (select g, array_agg(time order by idx) as times, array_agg(subject_ref order by idx) as subject_refs,
                     array_agg(consent_id order by idx) as consent_ids, array_agg(allowed order by idx) as allowed,
                     min(time) as first_time, max(time) as last_time
                from unnest($3::int[], $4::bigint[], $5::timestamptz[], $6::text[], $7::text[], $8::boolean[])
                     as q(g, idx, time, subject_ref, consent_id, allowed) group by g) q using (g)""";

  private FollowerStore() {}

  private static String cellsUpsert() {
    String columns = cellColumns();
    String sums = Arrays.stream(CellColumn.values())
        .map(c -> c.column() + " = supervision_cells." + c.column() + " + excluded." + c.column())
        .collect(Collectors.joining(", "));
    return "insert into supervision_cells (day, institution, purpose, grade, " + columns + ") select * from unnest(" + cellArrays()
        + ") on conflict (day, institution, purpose, grade) do update set " + sums;
  }

  private static String cellColumns() {
    return Arrays.stream(CellColumn.values()).map(CellColumn::column).collect(Collectors.joining(", "));
  }

  /** The parameters of {@link #cells}: day, institution, purpose and grade, then each column's counts, as arrays. */
  private static String cellArrays() {
    StringBuilder arrays = new StringBuilder("$1::date[], $2::text[], $3::text[], $4::text[]");
    for (int i = 0; i < CellColumn.values().length; i++) {
      arrays.append(", $").append(i + 5).append("::bigint[]");
    }
    return arrays.toString();
  }

  /** As {@link #cellsUpsert}'s arrays, added to the weeks' and months' rows. */
  private static String periodCellsUpsert() {
    String columns = cellColumns();
    String summed = Arrays.stream(CellColumn.values()).map(c -> "sum(d." + c.column() + ")").collect(Collectors.joining(", "));
    String sums = Arrays.stream(CellColumn.values())
        .map(c -> c.column() + " = supervision_period_cells." + c.column() + " + excluded." + c.column())
        .collect(Collectors.joining(", "));
    return "insert into supervision_period_cells (unit, first_day, institution, purpose, grade, " + columns + ")"
        + " select u.unit, " + PERIOD + ", d.institution, d.purpose, d.grade, " + summed
        + " from unnest(" + cellArrays() + ") as d(day, institution, purpose, grade, " + columns + ") " + PERIODS
        + " group by 1, 2, 3, 4, 5"
        + " on conflict (unit, first_day, institution, purpose, grade) do update set " + sums;
  }

  /** The last index folded in, locked for this transaction; empty while another gateway holds it. */
  static Future<Optional<Long>> lockCursor(SqlConnection connection) {
    return connection.query(LOCK_CURSOR).execute()
        .map(rows -> rows.size() == 0 ? Optional.<Long>empty() : Optional.of(rows.iterator().next().getLong(0)));
  }

  /** The open requests, consents and open disputes that {@code entries} may name. */
  static Future<FoldState> state(SqlConnection connection, List<EntryFacts> entries) {
    List<RequestKey> keys = new ArrayList<>();
    List<String> consents = new ArrayList<>();
    List<String> disputeSubjects = new ArrayList<>();
    for (EntryFacts entry : entries) {
      switch (entry.action()) {
        case CONSENT_APPROVED, CONSENT_REJECTED, CONSENT_REQUEST_EXPIRED ->
            entry.subjectRef().ifPresent(subject -> keys.add(new RequestKey(subject, entry.purpose(), entry.grade())));
        case CONSENT_REVOKED, CONSENT_EXPIRED, CONSENT_PAUSED, CONSENT_RESUMED -> entry.consentId().ifPresent(consents::add);
        case DISPUTE_RESOLVED -> entry.subjectRef().ifPresent(disputeSubjects::add);
        case QUERY_ALLOWED, QUERY_DENIED, CONSENT_REQUESTED, DISPUTE_FILED, AUDIT_READ, RECORD_CORRECTED, STATEMENT_ATTACHED,
            STATEMENT_REMOVED, DATA_EXPORTED, COMPLAINT_FILED, COMPLAINT_ACKNOWLEDGED, COMPLAINT_INFORMATION_REQUESTED,
            COMPLAINT_RESPONDED, COMPLAINT_RESOLVED -> { }
        case REPAIR_APPLIED, REPAIR_APPROVED, REPAIR_REJECTED, REPAIR_WITHDRAWN -> { }
      }
    }
    Future<Map<RequestKey, List<OpenRequest>>> requests = keys.isEmpty() ? Future.succeededFuture(Map.of())
        : connection.preparedQuery(OPEN_REQUESTS).execute(Tuple.tuple()
            .addArrayOfString(keys.stream().map(RequestKey::subjectRef).toArray(String[]::new))
            .addArrayOfString(keys.stream().map(RequestKey::purpose).toArray(String[]::new))
            .addArrayOfString(keys.stream().map(RequestKey::grade).toArray(String[]::new)))
        .map(rows -> {
          Map<RequestKey, List<OpenRequest>> open = new HashMap<>();
          for (Row row : rows) {
            RequestKey key = new RequestKey(row.getString(1), row.getString(2), row.getString(3));
            open.computeIfAbsent(key, k -> new ArrayList<>())
                .add(new OpenRequest(row.getLong(0), key, row.getString(4), row.getOffsetDateTime(5).toInstant()));
          }
          return open;
        });
    Future<Map<String, String>> institutions = consents.isEmpty() ? Future.succeededFuture(Map.of())
        : connection.preparedQuery(CONSENTS).execute(Tuple.tuple().addArrayOfString(consents.toArray(String[]::new)))
            .map(rows -> {
              Map<String, String> found = new HashMap<>();
              rows.forEach(row -> found.put(row.getString(0), row.getString(1)));
              return found;
            });
    Future<Map<String, List<OpenDispute>>> disputes = disputeSubjects.isEmpty() ? Future.succeededFuture(Map.of())
        : connection.preparedQuery(OPEN_DISPUTES).execute(Tuple.tuple().addArrayOfString(disputeSubjects.toArray(String[]::new)))
            .map(rows -> {
              Map<String, List<OpenDispute>> open = new HashMap<>();
              for (Row row : rows) {
                open.computeIfAbsent(row.getString(1), s -> new ArrayList<>()).add(
                    new OpenDispute(row.getLong(0), row.getString(1), row.getOffsetDateTime(2).toInstant(), row.getLocalDate(3)));
              }
              return open;
            });
    return Future.all(requests, institutions, disputes)
        .map(all -> new FoldState(requests.result(), institutions.result(), disputes.result()));
  }

  /** Writes {@code changes} and moves the cursor from {@code from}; fails if the cursor moved meanwhile. */
  static Future<Void> write(SqlConnection connection, long from, FoldChanges changes) {
    List<Future<?>> writes = new ArrayList<>();
    writes.add(cells(connection, changes.cellCounts()));
    writes.add(refusals(connection, changes.refusals()));
    writes.add(subjects(connection, changes.seenSubjects()));
    writes.add(regulatorReads(connection, changes.regulatorReads()));
    writes.add(disputes(connection, changes.disputeCounts()));
    writes.add(openRequests(connection, changes.openedRequests()));
    writes.add(deleteAll(connection, CLOSE_REQUESTS, changes.answeredRequests()));
    writes.add(approved(connection, changes.approvedConsents()));
    writes.add(durations(connection, changes.durations()));
    writes.addAll(durationDays(connection, changes.durations()));
    writes.add(medians(connection, changes.durations().keySet()));
    writes.add(openDisputes(connection, changes.openedDisputes()));
    writes.add(deleteAll(connection, CLOSE_DISPUTES, changes.resolvedDisputes()));
    writes.add(facets(connection, changes.lastIndex(), changes.facets()));
    writes.add(queries(connection, changes.lastIndex(), changes.queries()));
    // Sent at once, run in order by the server: one connection, one transaction.
    Future<?> moved = connection.preparedQuery(MOVE_CURSOR).execute(Tuple.of(changes.lastIndex(), from)).map(rows -> {
      if (rows.rowCount() != 1) {
        throw new IllegalStateException("the supervision cursor moved under its row lock");
      }
      return null;
    });
    writes.add(moved);
    return Future.all(writes).mapEmpty();
  }

  private static Future<?> cells(SqlConnection connection, Map<Cell, long[]> counts) {
    if (counts.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Cell> cells = List.copyOf(counts.keySet());
    Tuple values = cellKeys(cells);
    for (CellColumn column : CellColumn.values()) {
      values.addArrayOfLong(cells.stream().map(cell -> counts.get(cell)[column.ordinal()]).toArray(Long[]::new));
    }
    return Future.all(connection.preparedQuery(CELLS).execute(values), connection.preparedQuery(PERIOD_CELLS).execute(values));
  }

  private static Future<?> refusals(SqlConnection connection, Map<Refusal, Long> refusals) {
    if (refusals.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Refusal> keys = List.copyOf(refusals.keySet());
    Tuple values = cellKeys(keys.stream().map(Refusal::cell).toList())
        .addArrayOfString(keys.stream().map(Refusal::reasonCode).toArray(String[]::new))
        .addArrayOfLong(keys.stream().map(refusals::get).toArray(Long[]::new));
    return Future.all(connection.preparedQuery(REFUSALS).execute(values), connection.preparedQuery(PERIOD_REFUSALS).execute(values));
  }

  private static Future<?> subjects(SqlConnection connection, Set<SeenSubject> seen) {
    if (seen.isEmpty()) {
      return Future.succeededFuture();
    }
    List<SeenSubject> all = List.copyOf(seen);
    return connection.preparedQuery(SUBJECTS).execute(Tuple.tuple()
        .addArrayOfLocalDate(all.stream().map(subject -> subject.cell().day()).toArray(LocalDate[]::new))
        .addArrayOfUUID(all.stream().map(SeenSubject::key).toArray(UUID[]::new))
        .addArrayOfString(all.stream().map(subject -> subject.cell().institution()).toArray(String[]::new))
        .addArrayOfString(all.stream().map(subject -> subject.cell().purpose()).toArray(String[]::new))
        .addArrayOfString(all.stream().map(subject -> subject.cell().grade()).toArray(String[]::new)));
  }

  private static Future<?> regulatorReads(SqlConnection connection, Map<RegulatorDay, Long> reads) {
    if (reads.isEmpty()) {
      return Future.succeededFuture();
    }
    List<RegulatorDay> keys = List.copyOf(reads.keySet());
    return connection.preparedQuery(REGULATOR_READS).execute(Tuple.tuple()
        .addArrayOfLocalDate(keys.stream().map(RegulatorDay::day).toArray(LocalDate[]::new))
        .addArrayOfString(keys.stream().map(RegulatorDay::regulator).toArray(String[]::new))
        .addArrayOfLong(keys.stream().map(reads::get).toArray(Long[]::new)));
  }

  private static Future<?> disputes(SqlConnection connection, Map<LocalDate, long[]> counts) {
    if (counts.isEmpty()) {
      return Future.succeededFuture();
    }
    List<LocalDate> days = List.copyOf(counts.keySet());
    return connection.preparedQuery(DISPUTES).execute(Tuple.tuple()
        .addArrayOfLocalDate(days.toArray(LocalDate[]::new))
        .addArrayOfLong(days.stream().map(day -> counts.get(day)[FoldChanges.FILED]).toArray(Long[]::new))
        .addArrayOfLong(days.stream().map(day -> counts.get(day)[FoldChanges.RESOLVED]).toArray(Long[]::new)));
  }

  private static Future<?> openRequests(SqlConnection connection, List<OpenRequest> requests) {
    if (requests.isEmpty()) {
      return Future.succeededFuture();
    }
    return connection.preparedQuery(OPEN_REQUEST).execute(Tuple.tuple()
        .addArrayOfLong(requests.stream().map(OpenRequest::requestIndex).toArray(Long[]::new))
        .addArrayOfString(requests.stream().map(r -> r.key().subjectRef()).toArray(String[]::new))
        .addArrayOfString(requests.stream().map(r -> r.key().purpose()).toArray(String[]::new))
        .addArrayOfString(requests.stream().map(r -> r.key().grade()).toArray(String[]::new))
        .addArrayOfString(requests.stream().map(OpenRequest::institution).toArray(String[]::new))
        .addArrayOfOffsetDateTime(requests.stream().map(r -> utc(r.requestedAt())).toArray(OffsetDateTime[]::new)));
  }

  private static Future<?> approved(SqlConnection connection, Map<String, Approval> consents) {
    if (consents.isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> ids = List.copyOf(consents.keySet());
    return connection.preparedQuery(APPROVED).execute(Tuple.tuple()
        .addArrayOfString(ids.toArray(String[]::new))
        .addArrayOfString(ids.stream().map(id -> consents.get(id).institution()).toArray(String[]::new))
        .addArrayOfOffsetDateTime(ids.stream().map(id -> utc(consents.get(id).approvedAt())).toArray(OffsetDateTime[]::new)));
  }

  private static Future<?> queries(SqlConnection connection, long roundLast, List<Query> queries) {
    if (queries.isEmpty()) {
      return Future.succeededFuture();
    }
    Groups<String> institutions = new Groups<>();
    Integer[] groups = queries.stream().map(query -> institutions.of(query.institution())).toArray(Integer[]::new);
    return connection.preparedQuery(QUERIES).execute(Tuple.of(roundLast)
        .addArrayOfString(institutions.keys().toArray(String[]::new))
        .addArrayOfInteger(groups)
        .addArrayOfLong(queries.stream().map(Query::index).toArray(Long[]::new))
        .addArrayOfOffsetDateTime(queries.stream().map(q -> utc(q.time())).toArray(OffsetDateTime[]::new))
        .addArrayOfString(queries.stream().map(q -> q.subjectRef().orElse(null)).toArray(String[]::new))
        .addArrayOfString(queries.stream().map(q -> q.consentId().orElse(null)).toArray(String[]::new))
        .addArrayOfBoolean(queries.stream().map(Query::allowed).toArray(Boolean[]::new)));
  }

  private static Future<?> durations(SqlConnection connection, Map<DurationBucket, Long> durations) {
    if (durations.isEmpty()) {
      return Future.succeededFuture();
    }
    List<DurationBucket> buckets = List.copyOf(durations.keySet());
    Tuple values = Tuple.tuple()
        .addArrayOfString(buckets.stream().map(DurationBucket::kind).toArray(String[]::new))
        .addArrayOfLocalDate(buckets.stream().map(b -> b.cell().day()).toArray(LocalDate[]::new))
        .addArrayOfString(buckets.stream().map(b -> b.cell().institution()).toArray(String[]::new))
        .addArrayOfString(buckets.stream().map(b -> b.cell().purpose()).toArray(String[]::new))
        .addArrayOfString(buckets.stream().map(b -> b.cell().grade()).toArray(String[]::new))
        .addArrayOfShort(buckets.stream().map(b -> (short) b.bucket()).toArray(Short[]::new))
        .addArrayOfLong(buckets.stream().map(durations::get).toArray(Long[]::new));
    return Future.all(connection.preparedQuery(DURATION_BUCKETS).execute(values),
        connection.preparedQuery(PERIOD_BUCKETS).execute(values));
  }

  /** Adds each day's durations to its array of bucket counts: a statement a day and kind, and a round spans a day or two. */
  private static List<Future<?>> durationDays(SqlConnection connection, Map<DurationBucket, Long> durations) {
    Map<KindDay, List<DurationBucket>> byDay = durations.keySet().stream()
        .collect(Collectors.groupingBy(bucket -> new KindDay(bucket.kind(), bucket.cell().day())));
    List<Future<?>> writes = new ArrayList<>();
    byDay.forEach((day, buckets) -> {
      long[] counts = new long[buckets.stream().mapToInt(DurationBucket::bucket).max().orElseThrow() + 1];
      buckets.forEach(bucket -> counts[bucket.bucket()] += durations.get(bucket));
      writes.add(connection.preparedQuery(DURATION_DAY).execute(Tuple.of(day.kind(), day.day())
          .addArrayOfLong(Arrays.stream(counts).boxed().toArray(Long[]::new))));
    });
    return writes;
  }

  private record KindDay(String kind, LocalDate day) {}

  /** Refreshes the median buckets of the cells whose histograms {@code timed} added to. */
  private static Future<?> medians(SqlConnection connection, Set<DurationBucket> timed) {
    List<Cell> cells = timed.stream().filter(b -> b.kind().equals(Fold.CONSENT)).map(DurationBucket::cell).distinct().toList();
    return cells.isEmpty() ? Future.succeededFuture() : connection.preparedQuery(CELL_MEDIANS).execute(cellKeys(cells));
  }

  private static Future<?> openDisputes(SqlConnection connection, List<OpenDispute> disputes) {
    if (disputes.isEmpty()) {
      return Future.succeededFuture();
    }
    return connection.preparedQuery(OPEN_DISPUTE).execute(Tuple.tuple()
        .addArrayOfLong(disputes.stream().map(OpenDispute::filedIndex).toArray(Long[]::new))
        .addArrayOfString(disputes.stream().map(OpenDispute::subjectRef).toArray(String[]::new))
        .addArrayOfOffsetDateTime(disputes.stream().map(d -> utc(d.filedAt())).toArray(OffsetDateTime[]::new))
        .addArrayOfLocalDate(disputes.stream().map(OpenDispute::day).toArray(LocalDate[]::new)));
  }

  private static Future<?> deleteAll(SqlConnection connection, String sql, List<Long> indexes) {
    if (indexes.isEmpty()) {
      return Future.succeededFuture();
    }
    return connection.preparedQuery(sql).execute(Tuple.tuple().addArrayOfLong(indexes.toArray(Long[]::new)));
  }

  private static Future<?> facets(SqlConnection connection, long roundLast, List<Facet> facets) {
    if (facets.isEmpty()) {
      return Future.succeededFuture();
    }
    // Each day's first and last index among these facets.
    Map<LocalDate, long[]> days = new HashMap<>();
    for (Facet facet : facets) {
      long[] span = days.computeIfAbsent(facet.day(), day -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
      span[0] = Math.min(span[0], facet.index());
      span[1] = Math.max(span[1], facet.index());
    }
    List<LocalDate> keys = List.copyOf(days.keySet());
    Future<?> bounds = connection.preparedQuery(ENTRY_DAYS).execute(Tuple.tuple()
        .addArrayOfLocalDate(keys.toArray(LocalDate[]::new))
        .addArrayOfLong(keys.stream().map(day -> days.get(day)[0]).toArray(Long[]::new))
        .addArrayOfLong(keys.stream().map(day -> days.get(day)[1]).toArray(Long[]::new)));
    Groups<FacetKey> shared = new Groups<>();
    Integer[] groups = facets.stream().map(facet -> shared.of(FacetKey.of(facet))).toArray(Integer[]::new);
    List<FacetKey> groupKeys = shared.keys();
    Future<?> rows = connection.preparedQuery(FACETS).execute(Tuple.of(roundLast)
        .addArrayOfString(groupKeys.stream().map(k -> k.institution().orElse(null)).toArray(String[]::new))
        .addArrayOfString(groupKeys.stream().map(k -> k.purpose().orElse(null)).toArray(String[]::new))
        .addArrayOfString(groupKeys.stream().map(FacetKey::action).toArray(String[]::new))
        .addArrayOfString(groupKeys.stream().map(FacetKey::outcome).toArray(String[]::new))
        .addArrayOfString(groupKeys.stream().map(k -> k.reasonCode().orElse(null)).toArray(String[]::new))
        .addArrayOfInteger(groups)
        .addArrayOfLong(facets.stream().map(Facet::index).toArray(Long[]::new))
        .addArrayOfOffsetDateTime(facets.stream().map(f -> utc(f.time())).toArray(OffsetDateTime[]::new)));
    return Future.all(bounds, rows);
  }

  /** What the entries of one group of {@link #FACETS} share. */
  private record FacetKey(Optional<String> institution, Optional<String> purpose, String action, String outcome,
      Optional<String> reasonCode) {
    static FacetKey of(Facet facet) {
      return new FacetKey(facet.institution(), facet.purpose(), facet.action(), facet.outcome(), facet.reasonCode());
    }
  }

  /** Numbers distinct keys from 1 in the order first met, as {@code unnest ... with ordinality} numbers their array. */
  private static final class Groups<K> {
    private final Map<K, Integer> numbers = new LinkedHashMap<>();

    int of(K key) {
      return numbers.computeIfAbsent(key, k -> numbers.size() + 1);
    }

    List<K> keys() {
      return List.copyOf(numbers.keySet());
    }
  }

  private static Tuple cellKeys(List<Cell> cells) {
    return Tuple.tuple()
        .addArrayOfLocalDate(cells.stream().map(Cell::day).toArray(LocalDate[]::new))
        .addArrayOfString(cells.stream().map(Cell::institution).toArray(String[]::new))
        .addArrayOfString(cells.stream().map(Cell::purpose).toArray(String[]::new))
        .addArrayOfString(cells.stream().map(Cell::grade).toArray(String[]::new));
  }

  private static OffsetDateTime utc(java.time.Instant instant) {
    return OffsetDateTime.ofInstant(requireNonNull(instant, "instant is null"), ZoneOffset.UTC);
  }
}
