package org.consentgateway.supervision;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;

/**
 * What a statistics read asks for: the days {@code from} to {@code to} (inclusive, Asia/Shanghai
 * dates, at most {@link #MAX_DAYS}), optionally one institution (USCC) and one purpose, counted
 * per day, week or month; counted by week or month, a read covers whole weeks or months (from
 * {@link #firstDayCounted} to {@link #lastDayCounted}). A bad range is 400 {@code invalid_request}.
 */
public record StatsQuery(LocalDate from, LocalDate to, Optional<String> institution, Optional<String> purpose,
    Granularity granularity) {

  public static final int MAX_DAYS = 366;

  public StatsQuery {
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    requireNonNull(institution, "institution is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(granularity, "granularity is null");
    if (to.isBefore(from)) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "to must not be before from (both days are included).");
    }
    if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "A statistics read covers at most " + MAX_DAYS + " days.");
    }
  }

  /** The first day counted: {@link #from}, or the first day of its week or month when counted by week or month. */
  public LocalDate firstDayCounted() {
    return granularity.periodOf(from);
  }

  /** The last day counted: {@link #to}, or the last day of its week or month when counted by week or month. */
  public LocalDate lastDayCounted() {
    return granularity.lastDayOf(granularity.periodOf(to));
  }
}
