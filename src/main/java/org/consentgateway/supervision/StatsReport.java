package org.consentgateway.supervision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Collects the rows of one statistics read and writes its JSON: a row per day (its cells, its
 * disputes, its regulator reads), or per week or month ({@link Granularity}), and a totals row. A
 * distinct-subject count under the threshold is written as the string {@code "< threshold"},
 * never as its number; a period's subject-days only when every day of it could be shown.
 * Confined to one read.
 */
final class StatsReport {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  /** A period's subject-days that are not shown (see {@link #subjectDays}). */
  static final String WITHHELD = "withheld";
  private static final Comparator<Cell> BY_CELL =
      Comparator.comparing(Cell::institution).thenComparing(Cell::purpose).thenComparing(Cell::grade);

  private final StatsQuery query;
  private final int threshold;
  private final Granularity granularity;
  /** Keyed by the first day of each period (a day's by the day): the rows of the answer in order. */
  private final Map<LocalDate, Period> periods = new LinkedHashMap<>();
  private final Counts totals = new Counts();
  private long totalSubjectDays;
  private final Map<String, Long> totalReads = new TreeMap<>();
  private final long[] totalDisputes = new long[3];
  private JsonNode totalConsentMedian = NullNode.instance;
  private JsonNode totalDisputeMedian = NullNode.instance;

  StatsReport(StatsQuery query, int threshold) {
    this.query = query;
    this.threshold = threshold;
    this.granularity = query.granularity();
    for (LocalDate day = query.firstDayCounted(); !day.isAfter(query.lastDayCounted()); day = day.plusDays(1)) {
      periods.computeIfAbsent(granularity.periodOf(day), first -> new Period());
    }
  }

  /** Counts of one cell and refusals by reason, summed into the totals as they come. */
  private static final class Counts {
    final long[] columns = new long[CellColumn.values().length];
    final Map<String, Long> refusedByReason = new TreeMap<>();
    long subjects;
    /** A period's cell with a day of fewer distinct subjects than the threshold (but some). */
    boolean smallDay;
    JsonNode medianDecisionMillis = NullNode.instance;
  }

  private static final class Period {
    // Found by hash (a year's 78,000 refusals look their cell up), ordered once when written.
    final Map<Cell, Counts> cells = new HashMap<>();
    final long[] disputes = new long[3];
    final Map<String, Long> reads = new TreeMap<>();
    // The period's histograms of decision and resolution times (DurationBuckets), merged from its
    // days' (or cells'); null while none is counted. By day no decision histogram: a day's cells
    // carry their medians.
    long[] decisionCounts;
    long[] resolutionCounts;
  }

  private Period periodOf(LocalDate day) {
    return periods.get(granularity.periodOf(day));
  }

  /** A day's cell, or a period's (its first day, its subject-days, then as a day's). */
  void cell(Row row) {
    Cell cell = cellOf(row);
    Counts counts = periodOf(cell.day()).cells.computeIfAbsent(cell, c -> new Counts());
    counts.subjects = row.getLong(4);
    totalSubjectDays += counts.subjects;
    for (CellColumn column : CellColumn.values()) {
      long n = row.getLong(5 + column.ordinal());
      counts.columns[column.ordinal()] = n;
      totals.columns[column.ordinal()] += n;
    }
    counts.medianDecisionMillis = millisOfBucket(row, 5 + CellColumn.values().length);
  }

  /** A period's cell that had a day of fewer distinct subjects than the threshold: {@code (first day, cell)}. */
  void smallDay(Row row) {
    Counts counts = periodOf(row.getLocalDate(0)).cells.get(cellOf(row));
    if (counts != null) {
      counts.smallDay = true;
    }
  }

  void refusal(Row row) {
    Cell cell = cellOf(row);
    String reason = row.getString(4);
    long n = row.getLong(5);
    Counts counts = periodOf(cell.day()).cells.get(cell);
    if (counts != null) {
      counts.refusedByReason.merge(reason, n, Long::sum);
    }
    totals.refusedByReason.merge(reason, n, Long::sum);
  }

  /** The window's histogram of decision times merged from its cells': {@code (bucket, n)} rows. */
  void consentHistogram(RowSet<Row> rows) {
    long[] counts = new long[DurationBuckets.MAX_BUCKET + 1];
    rows.forEach(row -> counts[row.getInteger(0)] += row.getLong(1));
    totalConsentMedian = median(counts);
  }

  /** The window's histogram of decision times merged from its periods': {@code (first day, bucket, n)} rows. */
  void consentPeriods(RowSet<Row> rows) {
    long[] total = new long[DurationBuckets.MAX_BUCKET + 1];
    for (Row row : rows) {
      int bucket = row.getInteger(1);
      long n = row.getLong(2);
      total[bucket] += n;
      Period period = periodOf(row.getLocalDate(0));
      period.decisionCounts = counted(period.decisionCounts);
      period.decisionCounts[bucket] += n;
    }
    totalConsentMedian = median(total);
  }

  /** The window's histogram of decision times merged from its days': {@code (day, counts)} rows. */
  void consentDays(RowSet<Row> rows) {
    long[] total = new long[DurationBuckets.MAX_BUCKET + 1];
    for (Row row : rows) {
      Long[] counts = row.getArrayOfLongs(1);
      add(total, counts);
      if (granularity != Granularity.DAY) {
        Period period = periodOf(row.getLocalDate(0));
        period.decisionCounts = counted(period.decisionCounts);
        add(period.decisionCounts, counts);
      }
    }
    totalConsentMedian = median(total);
  }

  void disputes(Row row) {
    Period period = periodOf(row.getLocalDate(0));
    period.disputes[0] += row.getLong(1);
    period.disputes[1] += row.getLong(2);
    totalDisputes[0] += row.getLong(1);
    totalDisputes[1] += row.getLong(2);
  }

  /** Each period's histogram of resolution times and the window's, from the days' {@code (day, counts)} rows. */
  void disputeDays(RowSet<Row> rows) {
    long[] total = new long[DurationBuckets.MAX_BUCKET + 1];
    for (Row row : rows) {
      Long[] counts = row.getArrayOfLongs(1);
      Period period = periodOf(row.getLocalDate(0));
      period.resolutionCounts = counted(period.resolutionCounts);
      add(period.resolutionCounts, counts);
      add(total, counts);
    }
    totalDisputeMedian = median(total);
  }

  void overdue(Row row) {
    long n = row.getLong(1);
    periodOf(row.getLocalDate(0)).disputes[2] += n;
    totalDisputes[2] += n;
  }

  void regulatorRead(Row row) {
    periodOf(row.getLocalDate(0)).reads.merge(row.getString(1), row.getLong(2), Long::sum);
    totalReads.merge(row.getString(1), row.getLong(2), Long::sum);
  }

  ObjectNode json(long foldedThrough) {
    ObjectNode body = JSON.objectNode();
    // The days counted: by week or month, whole weeks or months.
    body.put("from", query.firstDayCounted().toString()).put("to", query.lastDayCounted().toString());
    query.institution().ifPresent(institution -> body.put("institution", institution));
    query.purpose().ifPresent(purpose -> body.put("purpose", purpose));
    body.put("granularity", granularity.code());
    body.put("smallCellThreshold", threshold);
    // The statistics include every entry up to this index (-1: none yet).
    body.put("foldedThrough", foldedThrough);
    boolean byDay = granularity == Granularity.DAY;
    ArrayNode rows = body.putArray(byDay ? "days" : "periods");
    periods.forEach((first, period) -> {
      ObjectNode row = rows.addObject();
      if (byDay) {
        row.put("day", first.toString());
      } else {
        row.put("from", first.toString()).put("to", granularity.lastDayOf(first).toString());
      }
      ArrayNode cells = row.putArray("cells");
      period.cells.entrySet().stream().sorted(Map.Entry.comparingByKey(BY_CELL)).forEach(entry -> {
        Cell cell = entry.getKey();
        Counts counts = entry.getValue();
        ObjectNode json = cells.addObject();
        text(json, "institution", cell.institution());
        text(json, "purpose", cell.purpose());
        text(json, "grade", cell.grade());
        counts(json, counts);
        if (byDay) {
          json.set("distinctSubjects", subjects(counts.subjects));
        } else {
          json.set("subjectDays", subjectDays(counts));
        }
        consents(json, counts, byDay);
      });
      if (!byDay) {
        row.set("medianDecisionMillis", median(period.decisionCounts));
      }
      row.set("disputes", disputes(period.disputes, median(period.resolutionCounts)));
      row.set("regulatorReads", reads(period.reads));
    });
    ObjectNode total = body.putObject("totals");
    counts(total, totals);
    // Distinct per day and cell, summed: a subject queried on two days (or in two cells) counts twice.
    total.set("subjectDays", subjects(totalSubjectDays));
    totals.medianDecisionMillis = totalConsentMedian;
    consents(total, totals, true);
    total.set("disputes", disputes(totalDisputes, totalDisputeMedian));
    total.set("regulatorReads", reads(totalReads));
    return body;
  }

  private static void counts(ObjectNode json, Counts counts) {
    ObjectNode queries = json.putObject("queries")
        .put("allowed", counts.columns[CellColumn.QUERIES_ALLOWED.ordinal()])
        .put("refused", counts.columns[CellColumn.QUERIES_REFUSED.ordinal()]);
    ObjectNode reasons = queries.putObject("refusedByReason");
    counts.refusedByReason.forEach(reasons::put);
  }

  /** A cell's or the totals' consents; {@code withMedian} false for a period's cell, whose median is not kept. */
  private static void consents(ObjectNode json, Counts counts, boolean withMedian) {
    long approved = counts.columns[CellColumn.CONSENTS_APPROVED.ordinal()];
    long rejected = counts.columns[CellColumn.CONSENTS_REJECTED.ordinal()];
    ObjectNode consents = json.putObject("consents")
        .put("requested", counts.columns[CellColumn.CONSENTS_REQUESTED.ordinal()])
        .put("approved", approved)
        .put("rejected", rejected)
        .put("revoked", counts.columns[CellColumn.CONSENTS_REVOKED.ordinal()])
        .put("expired", counts.columns[CellColumn.CONSENTS_EXPIRED.ordinal()])
        .put("paused", counts.columns[CellColumn.CONSENTS_PAUSED.ordinal()])
        .put("resumed", counts.columns[CellColumn.CONSENTS_RESUMED.ordinal()])
        .put("requestsExpired", counts.columns[CellColumn.REQUESTS_EXPIRED.ordinal()]);
    // Of the requests the citizen answered, the share approved (a lapsed request was not answered).
    if (approved + rejected > 0) {
      consents.put("approvalRate", (double) approved / (approved + rejected));
    } else {
      consents.putNull("approvalRate");
    }
    if (withMedian) {
      consents.set("medianDecisionMillis", counts.medianDecisionMillis);
    }
  }

  private static ObjectNode disputes(long[] counts, JsonNode median) {
    ObjectNode json = JSON.objectNode().put("filed", counts[0]).put("resolved", counts[1]).put("overdue", counts[2]);
    json.set("medianResolutionMillis", median);
    return json;
  }

  private static ObjectNode reads(Map<String, Long> reads) {
    ObjectNode json = JSON.objectNode().put("total", reads.values().stream().mapToLong(Long::longValue).sum());
    ObjectNode by = json.putObject("byRegulator");
    reads.forEach(by::put);
    return json;
  }

  /**
   * A period's cell's distinct subjects summed over its days, or {@code "withheld"} when one of
   * its days had some but fewer than the threshold, or the sum is under it: with the days' own
   * answers beside it, the sum would give that small count away.
   */
  private JsonNode subjectDays(Counts counts) {
    return counts.smallDay || counts.subjects < threshold ? JSON.textNode(WITHHELD) : JSON.numberNode(counts.subjects);
  }

  /** A distinct-subject count, or {@code "< threshold"} when it is smaller than the threshold. */
  JsonNode subjects(long count) {
    return count < threshold ? JSON.textNode("< " + threshold) : JSON.numberNode(count);
  }

  /** A median bucket's value in milliseconds (DurationBuckets), or null when there was nothing to take it of. */
  private static JsonNode millisOfBucket(Row row, int column) {
    Integer bucket = row.getInteger(column);
    return bucket == null ? NullNode.instance : JSON.numberNode(DurationBuckets.representative(bucket));
  }

  /** The median of {@code counts[b]} durations in bucket {@code b}, in ms, or null when there are none (or no histogram). */
  private static JsonNode median(long[] counts) {
    if (counts == null) {
      return NullNode.instance;
    }
    OptionalInt median = DurationBuckets.median(counts);
    return median.isPresent() ? JSON.numberNode(DurationBuckets.representative(median.getAsInt())) : NullNode.instance;
  }

  /** {@code counts}, or a histogram of no durations yet when there is none. */
  private static long[] counted(long[] counts) {
    return counts == null ? new long[DurationBuckets.MAX_BUCKET + 1] : counts;
  }

  /** Adds a stored array of bucket counts (a null element is none) to {@code total}. */
  private static void add(long[] total, Long[] counts) {
    for (int bucket = 0; bucket < counts.length; bucket++) {
      if (counts[bucket] != null) {
        total[bucket] += counts[bucket];
      }
    }
  }

  private static void text(ObjectNode json, String name, String value) {
    if (value.isEmpty()) {
      json.putNull(name);
    } else {
      json.put(name, value);
    }
  }

  private static Cell cellOf(Row row) {
    return new Cell(row.getLocalDate(0), row.getString(1), row.getString(2), row.getString(3));
  }
}
