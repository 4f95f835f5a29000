package org.consentgateway.supervision;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.consent.ConsentUses;
import org.consentgateway.policy.SignalPolicy;

/**
 * The rules that judge a day against the institution's own baseline (the
 * {@link SignalPolicy#baselineDays()} days before it): refusal rate, purpose shift, unusual hours.
 * Pure Java over counts already aggregated; no I/O.
 */
final class BaselineRules {

  /** An institution's queries for one purpose on one day ('' purpose: refused before it was known). */
  record DayCount(LocalDate day, String institution, String purpose, long queries, long refused) {
    DayCount {
      requireNonNull(day, "day is null");
      requireNonNull(institution, "institution is null");
      requireNonNull(purpose, "purpose is null");
    }
  }

  /** An institution's queries in one hour (0..23, statistics day zone) of one day. */
  record HourCount(LocalDate day, String institution, int hour, long queries) {
    HourCount {
      requireNonNull(day, "day is null");
      requireNonNull(institution, "institution is null");
    }
  }

  private final SignalPolicy policy;
  private final SignalsQuery query;

  BaselineRules(SignalPolicy policy, SignalsQuery query) {
    this.policy = requireNonNull(policy, "policy is null");
    this.query = requireNonNull(query, "query is null");
  }

  /** The first day a read of {@code query} needs: its baseline's. */
  static LocalDate baselineStart(SignalPolicy policy, SignalsQuery query) {
    return query.from().minusDays(policy.baselineDays());
  }

  /** A day's refusal rate at least {@code min-rate} and {@code factor} × the baseline rate, on enough queries. */
  List<Signal> refusalRate(List<DayCount> rows) {
    SignalPolicy.RefusalRate rule = policy.refusalRate();
    Map<String, TreeMap<LocalDate, long[]>> byInstitution = new TreeMap<>();
    for (DayCount row : rows) {
      long[] sums = byInstitution.computeIfAbsent(row.institution(), i -> new TreeMap<>()).computeIfAbsent(row.day(), d -> new long[2]);
      sums[0] += row.queries();
      sums[1] += row.refused();
    }
    List<Signal> signals = new ArrayList<>();
    byInstitution.forEach((institution, days) -> eachDay(day -> {
      long[] today = days.getOrDefault(day, new long[2]);
      if (today[0] < rule.minQueries()) {
        return;
      }
      long[] baseline = new long[2];
      days.subMap(day.minusDays(policy.baselineDays()), day).values().forEach(sums -> {
        baseline[0] += sums[0];
        baseline[1] += sums[1];
      });
      double rate = (double) today[1] / today[0];
      // No baseline yet (a new institution): only the absolute rate can raise it.
      double usual = baseline[0] == 0 ? 0 : (double) baseline[1] / baseline[0];
      double threshold = Math.max(rule.minRate(), rule.factor() * usual);
      if (rate >= threshold) {
        signals.add(new Signal(SignalRule.REFUSAL_RATE, Optional.of(institution), Optional.empty(), Optional.of(day), start(day),
            start(day.plusDays(1)), Figure.share(rate), Optional.of(Figure.share(usual)), Figure.share(threshold),
            Optional.of(AuditAction.QUERY_DENIED)));
      }
    }));
    return signals;
  }

  /** A purpose under {@code max-baseline-share} of the baseline taking {@code min-share} of a day. */
  List<Signal> purposeShift(List<DayCount> rows) {
    SignalPolicy.PurposeShift rule = policy.purposeShift();
    Map<String, TreeMap<LocalDate, Map<String, Long>>> byInstitution = new TreeMap<>();
    for (DayCount row : rows) {
      byInstitution.computeIfAbsent(row.institution(), i -> new TreeMap<>()).computeIfAbsent(row.day(), d -> new HashMap<>())
          .merge(row.purpose(), row.queries(), Long::sum);
    }
    List<Signal> signals = new ArrayList<>();
    byInstitution.forEach((institution, days) -> eachDay(day -> {
      Map<String, Long> today = days.getOrDefault(day, Map.of());
      Map<String, Long> baseline = new HashMap<>();
      days.subMap(day.minusDays(policy.baselineDays()), day).values()
          .forEach(purposes -> purposes.forEach((purpose, n) -> baseline.merge(purpose, n, Long::sum)));
      long baselineTotal = baseline.values().stream().mapToLong(Long::longValue).sum();
      long todayTotal = today.values().stream().mapToLong(Long::longValue).sum();
      if (baselineTotal < rule.minBaselineQueries()) {
        return;
      }
      new TreeMap<>(today).forEach((purpose, n) -> {
        double share = (double) n / todayTotal;
        double usual = (double) baseline.getOrDefault(purpose, 0L) / baselineTotal;
        if (!purpose.isEmpty() && n >= rule.minCount() && share >= rule.minShare() && usual < rule.maxBaselineShare()) {
          signals.add(new Signal(SignalRule.PURPOSE_SHIFT, Optional.of(institution), Optional.of(purpose), Optional.of(day), start(day),
              start(day.plusDays(1)), Figure.share(share), Optional.of(Figure.share(usual)), Figure.share(rule.minShare()),
              Optional.empty()));
        }
      });
    }));
    return signals;
  }

  /** Enough queries in an hour of the day in which the institution made none over its baseline. */
  List<Signal> unusualHours(List<HourCount> rows) {
    SignalPolicy.UnusualHours rule = policy.unusualHours();
    Map<String, TreeMap<LocalDate, long[]>> byInstitution = new TreeMap<>();
    for (HourCount row : rows) {
      byInstitution.computeIfAbsent(row.institution(), i -> new TreeMap<>()).computeIfAbsent(row.day(), d -> new long[24])[row.hour()]
          += row.queries();
    }
    List<Signal> signals = new ArrayList<>();
    byInstitution.forEach((institution, days) -> eachDay(day -> {
      long[] today = days.get(day);
      if (today == null) {
        return;
      }
      long[] baseline = new long[24];
      days.subMap(day.minusDays(policy.baselineDays()), day).values().forEach(hours -> {
        for (int hour = 0; hour < 24; hour++) {
          baseline[hour] += hours[hour];
        }
      });
      long baselineTotal = 0;
      for (long n : baseline) {
        baselineTotal += n;
      }
      if (baselineTotal < rule.minBaselineQueries()) {
        return;
      }
      for (int hour = 0; hour < 24; hour++) {
        if (today[hour] >= rule.minCount() && baseline[hour] == 0) {
          Instant from = start(day).plusSeconds(3600L * hour);
          signals.add(new Signal(SignalRule.UNUSUAL_HOURS, Optional.of(institution), Optional.empty(), Optional.of(day), from,
              from.plusSeconds(3600), Figure.count(today[hour]), Optional.of(Figure.count(0)), Figure.count(rule.minCount()),
              Optional.empty()));
        }
      }
    }));
    return signals;
  }

  private void eachDay(Consumer<LocalDate> rule) {
    for (LocalDate day = query.from(); !day.isAfter(query.to()); day = day.plusDays(1)) {
      rule.accept(day);
    }
  }

  /** The first instant of a statistics day. */
  static Instant start(LocalDate day) {
    return day.atStartOfDay(ConsentUses.LIMIT_ZONE).toInstant();
  }
}
