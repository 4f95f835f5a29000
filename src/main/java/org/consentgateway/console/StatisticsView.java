package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What the statistics page shows of one read: the totals, and its charts with their tables.
 * {@link #empty} when no institution queried in those days: the page then says so in a sentence,
 * with no empty axes.
 *
 * @param from the first day counted (by week or month, the first day of its period)
 * @param to the last day counted (by week or month, the last day of its period)
 * @param subjectDays the distinct subjects queried, per day and cell, summed, as the statistics
 *     give it: a number, or {@code "< 5"} under the small-cell threshold (never a smaller number)
 * @param foldedThrough the statistics include every entry of the log up to this index (-1: none)
 * @param granularity how the read counted: {@code day}, {@code week} or {@code month}
 * @param byPurpose one chart per purpose queried: queries per day (week, month), allowed and refused
 * @param refusals refusals by reason code, when there was one
 * @param institutions queries per institution, allowed and refused, the largest first
 * @param complaints complaints resolved per institution, upheld and dismissed, the most upheld
 *     first; empty when none was resolved in those days (shown even on days without queries)
 */
public record StatisticsView(String from, String to, long allowed, long refused, String subjectDays, long foldedThrough, String granularity,
    List<ChartTable> byPurpose,
    Optional<ChartTable> refusals, Optional<ChartTable> institutions, List<ComplaintsResolved> complaints) {

  public StatisticsView {
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    requireNonNull(subjectDays, "subjectDays is null");
    requireNonNull(granularity, "granularity is null");
    byPurpose = List.copyOf(byPurpose);
    requireNonNull(refusals, "refusals is null");
    requireNonNull(institutions, "institutions is null");
    complaints = List.copyOf(complaints);
  }

  public boolean empty() {
    return allowed + refused == 0;
  }
}
