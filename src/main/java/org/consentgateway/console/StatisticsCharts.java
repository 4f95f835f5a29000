package org.consentgateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.consentgateway.console.Chart.Fill;
import org.consentgateway.console.Chart.Group;
import org.consentgateway.console.Chart.Series;
import org.consentgateway.web.Labels;

/**
 * Turns a statistics read ({@code supervision.Statistics}, the body {@code GET /v1/audit/stats}
 * answers) into the page's charts and tables, a column per day, week or month as the read
 * counted them. Only counts of queries are drawn; a distinct-subject
 * count is shown as the statistics give it, so one under the small-cell threshold stays
 * {@code "< 5"}. Pure: no I/O.
 */
final class StatisticsCharts {

  /** The most institutions drawn; the table lists them all. */
  static final int MAX_INSTITUTION_BARS = 20;
  private static final DateTimeFormatter AXIS_DAY = DateTimeFormatter.ofPattern("MM-dd");
  private static final DateTimeFormatter AXIS_MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

  /** One row of the statistics: a day, or a week or month cut to the days asked; labelled on the axis and in the table. */
  private record Period(LocalDate from, String axis, String label) {}

  /** Allowed and refused counts, in that order. */
  private static final class Counts {
    long allowed;
    long refused;

    void add(JsonNode queries) {
      allowed += queries.path("allowed").asLong();
      refused += queries.path("refused").asLong();
    }

    List<Long> values() {
      return List.of(allowed, refused);
    }

    long total() {
      return allowed + refused;
    }
  }

  private StatisticsCharts() {}

  static StatisticsView of(JsonNode stats, Labels labels) {
    List<Series> outcomes = List.of(new Series(labels.t("console.stats.allowed"), Fill.SOLID),
        new Series(labels.t("console.stats.refused"), Fill.HATCHED));
    String granularity = stats.path("granularity").asText("day");
    boolean byDay = granularity.equals("day");
    List<Period> periods = new ArrayList<>();
    Map<String, Map<LocalDate, Counts>> byPurpose = new TreeMap<>();
    Map<String, Counts> byInstitution = new TreeMap<>();
    for (JsonNode row : stats.path(byDay ? "days" : "periods")) {
      LocalDate date = LocalDate.parse(row.path(byDay ? "day" : "from").asText());
      periods.add(byDay ? new Period(date, AXIS_DAY.format(date), date.toString())
          : new Period(date, (granularity.equals("month") ? AXIS_MONTH : AXIS_DAY).format(date),
              labels.t("console.stats.period", date.toString(), row.path("to").asText())));
      for (JsonNode cell : row.path("cells")) {
        JsonNode queries = cell.path("queries");
        if (queries.path("allowed").asLong() + queries.path("refused").asLong() == 0) {
          continue; // a cell of consents only
        }
        byPurpose.computeIfAbsent(cell.path("purpose").asText(""), p -> new LinkedHashMap<>())
            .computeIfAbsent(date, d -> new Counts()).add(queries);
        byInstitution.computeIfAbsent(cell.path("institution").asText(""), i -> new Counts()).add(queries);
      }
    }
    JsonNode totals = stats.path("totals");
    return new StatisticsView(stats.path("from").asText(), stats.path("to").asText(), totals.path("queries").path("allowed").asLong(), totals.path("queries").path("refused").asLong(),
        totals.path("subjectDays").asText(), stats.path("foldedThrough").asLong(-1), granularity,
        purposeCharts(byPurpose, periods, granularity, outcomes, labels), refusals(totals.path("queries").path("refusedByReason"), labels),
        institutions(byInstitution, outcomes, labels), complaints(stats.path("complaints")));
  }

  /**
   * The statistics' {@code "complaints"} summed per institution over the days, the most upheld
   * first. No small-cell hiding: these count complaints about an institution, not people.
   */
  private static List<ComplaintsResolved> complaints(JsonNode complaints) {
    Map<String, long[]> byInstitution = new TreeMap<>();
    for (JsonNode row : complaints.path("byDay")) {
      long[] counts = byInstitution.computeIfAbsent(row.path("institution").asText(""), i -> new long[2]);
      counts[0] += row.path("upheld").asLong();
      counts[1] += row.path("dismissed").asLong();
    }
    return byInstitution.entrySet().stream()
        .map(entry -> new ComplaintsResolved(entry.getKey(), entry.getValue()[0], entry.getValue()[1]))
        .sorted(Comparator.comparingLong(ComplaintsResolved::upheld).reversed()
            .thenComparing(Comparator.comparingLong(ComplaintsResolved::dismissed).reversed())
            .thenComparing(ComplaintsResolved::institution))
        .toList();
  }

  private static List<ChartTable> purposeCharts(Map<String, Map<LocalDate, Counts>> byPurpose, List<Period> periods,
      String granularity, List<Series> outcomes, Labels labels) {
    List<ChartTable> charts = new ArrayList<>();
    int n = 0;
    for (Map.Entry<String, Map<LocalDate, Counts>> purpose : byPurpose.entrySet()) {
      String name = purpose.getKey().isEmpty() ? labels.t("console.stats.no-purpose") : labels.purpose(purpose.getKey());
      String id = "purpose-" + (++n);
      List<Group> groups = new ArrayList<>();
      List<List<String>> rows = new ArrayList<>();
      for (Period period : periods) {
        Counts counts = purpose.getValue().getOrDefault(period.from(), new Counts());
        groups.add(new Group(period.axis(), counts.values()));
        rows.add(List.of(period.label(), Long.toString(counts.allowed), Long.toString(counts.refused)));
      }
      String title = labels.t("console.stats.purpose.chart." + granularity, name);
      charts.add(new ChartTable(id, title, Chart.columns(id, title, labels.t("console.stats.purpose.desc." + granularity), outcomes,
          groups), List.of(labels.t("console.stats." + granularity), labels.t("console.stats.allowed"), labels.t("console.stats.refused")),
          rows));
    }
    return charts;
  }

  private static Optional<ChartTable> refusals(JsonNode byReason, Labels labels) {
    List<Map.Entry<String, Long>> reasons = new ArrayList<>();
    byReason.properties().forEach(reason -> reasons.add(Map.entry(reason.getKey(), reason.getValue().asLong())));
    if (reasons.isEmpty()) {
      return Optional.empty();
    }
    reasons.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    String title = labels.t("console.stats.refusals.chart");
    List<Group> groups = reasons.stream()
        .map(reason -> new Group(reasonLabel(reason.getKey(), labels), List.of(reason.getValue()))).toList();
    List<List<String>> rows = reasons.stream()
        .map(reason -> List.of(reasonLabel(reason.getKey(), labels), Long.toString(reason.getValue()))).toList();
    return Optional.of(new ChartTable("refusals", title, Chart.bars("refusals", title, labels.t("console.stats.refusals.desc"),
        List.of(new Series(labels.t("console.stats.refused"), Fill.HATCHED)), groups),
        List.of(labels.t("console.stats.reason"), labels.t("console.stats.refused")), rows));
  }

  private static String reasonLabel(String code, Labels labels) {
    return code.isEmpty() ? labels.t("console.stats.no-reason") : code;
  }

  private static Optional<ChartTable> institutions(Map<String, Counts> byInstitution, List<Series> outcomes, Labels labels) {
    if (byInstitution.isEmpty()) {
      return Optional.empty();
    }
    List<Map.Entry<String, Counts>> largest = new ArrayList<>(byInstitution.entrySet());
    largest.sort(Comparator.<Map.Entry<String, Counts>>comparingLong(entry -> entry.getValue().total()).reversed()
        .thenComparing(Map.Entry.comparingByKey()));
    String title = largest.size() > MAX_INSTITUTION_BARS
        ? labels.t("console.stats.institutions.chart.largest", MAX_INSTITUTION_BARS) : labels.t("console.stats.institutions.chart");
    List<Group> groups = largest.stream().limit(MAX_INSTITUTION_BARS)
        .map(entry -> new Group(entry.getKey(), entry.getValue().values())).toList();
    List<List<String>> rows = largest.stream().map(entry -> List.of(entry.getKey(), Long.toString(entry.getValue().allowed),
        Long.toString(entry.getValue().refused))).toList();
    return Optional.of(new ChartTable("institutions", labels.t("console.stats.institutions.caption"),
        Chart.bars("institutions", title, labels.t("console.stats.institutions.desc"), outcomes, groups),
        List.of(labels.t("console.stats.institution"), labels.t("console.stats.allowed"), labels.t("console.stats.refused")), rows));
  }
}
