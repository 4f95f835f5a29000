package org.consentgateway.supervision;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;

/**
 * The days a signals read covers: {@code from} to {@code to}, both included, statistics days
 * (Asia/Shanghai), at most {@link #MAX_DAYS}. Each day is judged against its own baseline, so a
 * wider window would cost a baseline per day for little more than a second read. A bad range is
 * 400 {@code invalid_request}.
 */
public record SignalsQuery(LocalDate from, LocalDate to) {

  public static final int MAX_DAYS = 31;
  /** The days a read covers when none are given: the last week, today included. */
  public static final int DEFAULT_DAYS = 7;

  public SignalsQuery {
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    if (to.isBefore(from)) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "to must not be before from (both days are included).");
    }
    if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "A signals read covers at most " + MAX_DAYS
          + " days; ask for a shorter window.");
    }
  }

  /** Today (in the statistics day zone) as {@code clock} tells it. */
  public static LocalDate today(Clock clock) {
    return EntryFacts.dayOf(clock.instant());
  }

  /** The {@value #DEFAULT_DAYS} days up to {@code to}. */
  public static SignalsQuery weekTo(LocalDate to) {
    return new SignalsQuery(to.minusDays(DEFAULT_DAYS - 1), to);
  }
}
