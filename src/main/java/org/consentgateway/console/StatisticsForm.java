package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.consentgateway.supervision.Granularity;
import org.consentgateway.supervision.StatsQuery;
import org.consentgateway.value.InvalidIdentifierException;
import org.consentgateway.value.UnifiedSocialCreditCode;
import org.consentgateway.web.FormErrors;
import org.consentgateway.web.FormErrors.FieldError;
import org.consentgateway.web.Messages;

/**
 * The statistics page's form as sent: the first and last day (Asia/Shanghai dates, both included;
 * by default the last {@value #DEFAULT_DAYS} days to today) and optionally one institution. What
 * is wrong is said field by field ({@link #errors}); a form without error is a {@link #query}.
 *
 * @param from the first day as typed, or the default
 * @param to the last day as typed, or the default
 * @param institution the institution as typed, or empty
 */
public record StatisticsForm(String from, String to, String institution, FormErrors errors, Optional<StatsQuery> query) {

  static final int DEFAULT_DAYS = 30;
  static final String FROM = "from";
  static final String TO = "to";
  static final String INSTITUTION = "institution";

  public StatisticsForm {
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    requireNonNull(institution, "institution is null");
    requireNonNull(errors, "errors is null");
    requireNonNull(query, "query is null");
  }

  /**
   * Reads the form's fields as sent (empty or blank: the default) against {@code today}.
   *
   * @param words the reader's language, for the errors
   */
  static StatisticsForm read(String fromText, String toText, String institutionText, LocalDate today, Messages words) {
    List<FieldError> errors = new ArrayList<>();
    Optional<LocalDate> to = day(toText, today, TO, "console.stats.error.to", words, errors);
    Optional<LocalDate> from = day(fromText, to.orElse(today).minusDays(DEFAULT_DAYS - 1), FROM, "console.stats.error.from", words,
        errors);
    String institution = institutionText.strip();
    Optional<String> code = Optional.empty();
    if (!institution.isEmpty()) {
      try {
        code = Optional.of(UnifiedSocialCreditCode.parse(institution).value());
      } catch (InvalidIdentifierException e) {
        errors.add(new FieldError(INSTITUTION, words.text("console.stats.error.institution")));
      }
    }
    if (from.isPresent() && to.isPresent()) {
      if (to.get().isBefore(from.get())) {
        errors.add(new FieldError(TO, words.text("console.stats.error.order")));
      } else if (ChronoUnit.DAYS.between(from.get(), to.get()) + 1 > StatsQuery.MAX_DAYS) {
        errors.add(new FieldError(FROM, words.text("console.stats.error.range", StatsQuery.MAX_DAYS)));
      }
    }
    // A mistake is shown as typed, to be corrected; an empty field shows the day it stood for.
    String fromShown = fromText.isBlank() ? from.map(LocalDate::toString).orElse("") : fromText.strip();
    String toShown = toText.isBlank() ? to.map(LocalDate::toString).orElse("") : toText.strip();
    Optional<StatsQuery> query = errors.isEmpty()
        ? Optional.of(new StatsQuery(from.orElseThrow(), to.orElseThrow(), code, Optional.empty(),
            Granularity.forWindow(from.orElseThrow(), to.orElseThrow())))
        : Optional.empty();
    // The summary lists the fields in the form's order.
    errors.sort(Comparator.comparingInt(error -> List.of(FROM, TO, INSTITUTION).indexOf(error.field())));
    return new StatisticsForm(fromShown, toShown, institution, new FormErrors(errors), query);
  }

  /** This form with one more error, about the whole read (it matched too much): shown at the first field. */
  StatisticsForm refused(String message) {
    return new StatisticsForm(from, to, institution, FormErrors.of(FROM, message), Optional.empty());
  }

  private static Optional<LocalDate> day(String text, LocalDate fallback, String field, String errorKey, Messages words,
      List<FieldError> errors) {
    String given = text.strip();
    if (given.isEmpty()) {
      return Optional.of(fallback);
    }
    try {
      return Optional.of(LocalDate.parse(given));
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, words.text(errorKey)));
      return Optional.empty();
    }
  }
}
