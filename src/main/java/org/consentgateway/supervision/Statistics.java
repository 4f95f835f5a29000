package org.consentgateway.supervision;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.consentgateway.dispute.DisputeConfig;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;

/**
 * Reads the statistics the {@link LogFollower} keeps: per day (or week, or month: {@link
 * Granularity}), per institution × purpose × grade cell, and totals; disputes and regulator reads. Reads only the aggregates (a handful
 * of indexed range reads), never the log, so a page costs the same over any size of log. The
 * answer is as of the follower's cursor ({@code "foldedThrough"}).
 *
 * <p>Thread-safe; never blocks.
 */
public final class Statistics {

  /** The most cells one read returns; a read that would return more must be narrowed. */
  public static final int MAX_CELLS = 20_000;

  private static final String CELLS = "select day, institution, purpose, grade, subjects, "
      + Arrays.stream(CellColumn.values()).map(CellColumn::column).collect(Collectors.joining(", "))
      + ", median_decision_bucket from supervision_cells";
  private static final String REFUSALS = "select day, institution, purpose, grade, reason_code, n from supervision_refusals";
  // A read by week or month reads the follower's week and month rows (V28): a year of every
  // institution is some 16,000 day cells and 78,000 refusal rows, by month some 500 and 2,700. No
  // median per cell: a median of a period is not made of its days' medians.
  private static final String PERIOD_CELLS = "select first_day, institution, purpose, grade, subject_days, "
      + Arrays.stream(CellColumn.values()).map(CellColumn::column).collect(Collectors.joining(", "))
      + ", null::int from supervision_period_cells %s and unit = '%s'";
  private static final String PERIOD_REFUSALS = """
      select first_day, institution, purpose, grade, reason_code, n from supervision_period_refusals %s and unit = '%s'""";
  // The cells with a day of fewer distinct subjects than the threshold (but some): their
  // subject-days are withheld, or the days' answers beside them would give that small count away.
  private static final String SMALL_DAYS = """
      select distinct date_trunc('%s', day::timestamp)::date, institution, purpose, grade from supervision_cells
       %s and subjects between 1 and %d""";
  // The medians of one institution's periods (V28); with a purpose too, its cells' histograms.
  private static final String CONSENT_HISTOGRAM_OF_INSTITUTION = """
      select first_day, bucket, n from supervision_period_buckets %s and unit = '%s'""";
  private static final String CONSENT_HISTOGRAM_OF_PERIODS = """
      select date_trunc('%s', day::timestamp)::date, bucket, sum(n)::bigint from supervision_duration_buckets %s
         and kind = 'consent' group by 1, 2""";
  // A median over the window is its histograms merged (DurationBuckets): a page of every
  // institution reads one array of bucket counts a day; a narrower one the cells' histograms.
  private static final String HISTOGRAM_OF_DAYS = "select day, counts from supervision_duration_days %s and kind = $%d";
  private static final String CONSENT_HISTOGRAM_OF_CELLS = """
      select bucket, sum(n)::bigint from supervision_duration_buckets %s and kind = 'consent' group by bucket""";
  private static final String DISPUTES = "select day, filed, resolved from supervision_disputes";
  private static final String OVERDUE = """
      select day, count(*) from supervision_open_disputes
       where day between $1 and $2 and filed_at < $3 group by day""";
  private static final String REGULATOR_READS = "select day, regulator, n from supervision_regulator_reads";
  private static final String CURSOR = "select last_index from supervision_cursor where id = 1";

  private final Pool pool;
  private final SupervisionConfig config;
  private final DisputeConfig disputes;
  private final Clock clock;

  public Statistics(Pool pool, SupervisionConfig config, DisputeConfig disputes, Clock clock) {
    this.pool = requireNonNull(pool, "pool is null");
    this.config = requireNonNull(config, "config is null");
    this.disputes = requireNonNull(disputes, "disputes is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** The statistics {@code query} asks for, as the JSON body of {@code GET /v1/audit/stats}. */
  public Future<ObjectNode> read(StatsQuery query) {
    // One connection: the reads are pipelined on it rather than taking eight of the pool's.
    return pool.withConnection(connection -> read(connection, query));
  }

  private Future<ObjectNode> read(SqlConnection connection, StatsQuery query) {
    StatsFilter cells = StatsFilter.of(query, true);
    StatsFilter days = StatsFilter.of(query, false);
    // A dispute is overdue once its deadline (dispute.DisputeConfig: filed + due-after) has passed.
    OffsetDateTime overdueBefore = OffsetDateTime.ofInstant(clock.instant().minus(disputes.dueAfter()), ZoneOffset.UTC);
    // Unordered: StatsReport orders the cells; a sort here spilled to disk for a year's 15,700 cells.
    boolean byDay = query.granularity() == Granularity.DAY;
    String unit = query.granularity().code();
    StatsFilter periods = StatsFilter.of(query, true, "first_day");
    Future<RowSet<Row>> cellRows = byDay ? select(connection, CELLS + cells.where() + " limit " + (MAX_CELLS + 1), cells.parameters())
        : select(connection, PERIOD_CELLS.formatted(periods.where(), unit) + " limit " + (MAX_CELLS + 1), periods.parameters());
    Future<RowSet<Row>> refusalRows = byDay ? select(connection, REFUSALS + cells.where(), cells.parameters())
        : select(connection, PERIOD_REFUSALS.formatted(periods.where(), unit), periods.parameters());
    Future<RowSet<Row>> smallDays = byDay ? Future.succeededFuture()
        : select(connection, SMALL_DAYS.formatted(unit, cells.where(), config.smallCellThreshold() - 1), cells.parameters());
    boolean everyCell = query.institution().isEmpty() && query.purpose().isEmpty();
    Future<RowSet<Row>> consentHistogram;
    if (everyCell) {
      consentHistogram = days(connection, days, Fold.CONSENT);
    } else if (byDay) {
      consentHistogram = select(connection, CONSENT_HISTOGRAM_OF_CELLS.formatted(cells.where()), cells.parameters());
    } else if (query.purpose().isEmpty()) {
      consentHistogram = select(connection, CONSENT_HISTOGRAM_OF_INSTITUTION.formatted(periods.where(), unit), periods.parameters());
    } else {
      consentHistogram = select(connection, CONSENT_HISTOGRAM_OF_PERIODS.formatted(unit, cells.where()), cells.parameters());
    }
    Future<RowSet<Row>> disputeRows = select(connection, DISPUTES + days.where(), days.parameters());
    Future<RowSet<Row>> disputeHistogram = days(connection, days, Fold.DISPUTE);
    Future<RowSet<Row>> overdue = select(connection, OVERDUE, Tuple.of(query.firstDayCounted(), query.lastDayCounted(), overdueBefore));
    Future<RowSet<Row>> regulatorReads = select(connection, REGULATOR_READS + days.where(), days.parameters());
    Future<RowSet<Row>> cursor = select(connection, CURSOR, Tuple.tuple());
    Future<RowSet<Row>> complaints = ComplaintOutcomes.read(connection, query);
    return Future.all(List.of(cellRows, refusalRows, smallDays, consentHistogram, disputeRows, disputeHistogram, overdue, regulatorReads,
            cursor, complaints))
        .map(all -> {
          if (cellRows.result().size() > MAX_CELLS) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "More than " + MAX_CELLS
                + " cells match: ask for fewer days, one institution or one purpose.");
          }
          StatsReport report = new StatsReport(query, config.smallCellThreshold());
          cellRows.result().forEach(report::cell);
          refusalRows.result().forEach(report::refusal);
          if (!byDay) {
            smallDays.result().forEach(report::smallDay);
          }
          if (everyCell) {
            report.consentDays(consentHistogram.result());
          } else if (byDay) {
            report.consentHistogram(consentHistogram.result());
          } else {
            report.consentPeriods(consentHistogram.result());
          }
          disputeRows.result().forEach(report::disputes);
          report.disputeDays(disputeHistogram.result());
          overdue.result().forEach(report::overdue);
          regulatorReads.result().forEach(report::regulatorRead);
          ObjectNode body = report.json(cursor.result().iterator().next().getLong(0));
          body.set("complaints", ComplaintOutcomes.json(complaints.result()));
          return body;
        });
  }

  /** The days' arrays of bucket counts of durations of {@code kind}. */
  private static Future<RowSet<Row>> days(SqlConnection connection, StatsFilter days, String kind) {
    Tuple parameters = Tuple.tuple();
    for (int i = 0; i < days.parameters().size(); i++) {
      parameters.addValue(days.parameters().getValue(i));
    }
    parameters.addString(kind);
    return select(connection, HISTOGRAM_OF_DAYS.formatted(days.where(), parameters.size()), parameters);
  }

  private static Future<RowSet<Row>> select(SqlConnection connection, String sql, Tuple parameters) {
    return connection.preparedQuery(sql).execute(parameters);
  }
}
