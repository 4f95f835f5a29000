package org.consentgateway.policy;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import org.consentgateway.records.CreditAccount;
import org.consentgateway.records.PublicRecord;

/**
 * How far back a consent lets a query see: from {@code start} = today minus the consent's data
 * window in months, to today. A record is inside when any part of its life falls in the window,
 * that is unless it was closed (account) or ended (public record) strictly before {@code start}.
 * Such a record was necessarily also opened/filed before the window, so this is the rule "opened
 * more than N months ago AND closed before the window start". Open records are always inside.
 */
record DataWindow(LocalDate start) {

  DataWindow {
    requireNonNull(start, "start is null");
  }

  static DataWindow of(LocalDate today, int months) {
    requireNonNull(today, "today is null");
    if (months < 1) {
      throw new IllegalArgumentException("the data window must be at least one month");
    }
    return new DataWindow(today.minusMonths(months));
  }

  boolean covers(CreditAccount account) {
    return account.closedOn().map(closed -> !closed.isBefore(start)).orElse(true);
  }

  boolean covers(PublicRecord record) {
    return record.endedOn().map(ended -> !ended.isBefore(start)).orElse(true);
  }
}
