package org.consentgateway.supervision;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Optional;

/**
 * How finely a statistics read counts: a row per day, per week (ISO, Monday first) or per month.
 * A wide window is counted coarsely by default ({@link #forWindow}): a year of every institution
 * by day is some 16,000 cells, more than a page or a chart can use, and slower to answer than a
 * supervisor should wait.
 */
public enum Granularity {
  DAY("day"),
  WEEK("week"),
  MONTH("month");

  /** The widest window counted by day unless a read asks otherwise. */
  public static final int MOST_DAYS_BY_DAY = 31;
  /** The widest window counted by week unless a read asks otherwise; wider ones are counted by month. */
  public static final int MOST_DAYS_BY_WEEK = 92;

  private final String code;

  Granularity(String code) {
    this.code = code;
  }

  /** As written in {@code ?granularity=} and in the answer. */
  public String code() {
    return code;
  }

  /** The granularity {@code code} names, if any. */
  public static Optional<Granularity> parse(String code) {
    return Arrays.stream(values()).filter(granularity -> granularity.code.equals(code)).findFirst();
  }

  /** The default for the days {@code from} to {@code to}, both included. */
  public static Granularity forWindow(LocalDate from, LocalDate to) {
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    return days <= MOST_DAYS_BY_DAY ? DAY : days <= MOST_DAYS_BY_WEEK ? WEEK : MONTH;
  }

  /** The first day of the period {@code day} falls in (as PostgreSQL's {@code date_trunc} has it). */
  LocalDate periodOf(LocalDate day) {
    return switch (this) {
      case DAY -> day;
      case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> day.withDayOfMonth(1);
    };
  }

  /** The last day of the period that starts on {@code first}. */
  LocalDate lastDayOf(LocalDate first) {
    return switch (this) {
      case DAY -> first;
      case WEEK -> first.plusDays(6);
      case MONTH -> first.with(TemporalAdjusters.lastDayOfMonth());
    };
  }
}
