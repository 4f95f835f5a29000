package org.consentgateway.records;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One credit account. Amounts are whole yuan.
 *
 * @param repayment24 the last 24 months, oldest first, as in a credit report: {@code N} normal,
 *     {@code 1}-{@code 7} months overdue, {@code C} closed, {@code /} no data
 * @param negativeEndedOn the day the negative behaviour ended (overdue repaid, bad debt settled);
 *     the display period runs from it. Absent while it goes on, or when there was none.
 */
public record CreditAccount(
    UUID id,
    AccountType type,
    String lender,
    LocalDate openedOn,
    Optional<LocalDate> closedOn,
    long creditLimit,
    long balance,
    long overdueAmount,
    AccountStatus status,
    String repayment24,
    Optional<LocalDate> negativeEndedOn) {

  public static final Pattern REPAYMENT_PATTERN = Pattern.compile("[N1-7C/]{24}");

  public CreditAccount {
    requireNonNull(id, "id is null");
    requireNonNull(type, "type is null");
    requireNonNull(lender, "lender is null");
    requireNonNull(openedOn, "openedOn is null");
    requireNonNull(closedOn, "closedOn is null");
    requireNonNull(status, "status is null");
    requireNonNull(repayment24, "repayment24 is null");
    requireNonNull(negativeEndedOn, "negativeEndedOn is null");
    if (lender.isBlank()) {
      throw new IllegalArgumentException("lender is blank");
    }
    if (creditLimit < 0 || balance < 0 || overdueAmount < 0) {
      throw new IllegalArgumentException("amounts must not be negative");
    }
    if (closedOn.isPresent() && closedOn.get().isBefore(openedOn)) {
      throw new IllegalArgumentException("closedOn is before openedOn");
    }
    if (!REPAYMENT_PATTERN.matcher(repayment24).matches()) {
      throw new IllegalArgumentException("repayment24 must be 24 characters of N, 1-7, C or /");
    }
  }

  /** Whether the account carries negative information: its status, a past negative episode, or overdue months. */
  public boolean negative() {
    return status.negative() || negativeEndedOn.isPresent() || repayment24.chars().anyMatch(c -> c >= '1' && c <= '7');
  }
}
