package org.consentgateway.supervision;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * A number a signal shows: a count, a share (a fraction, shown as a percentage) or a
 * distinct-subject count, which under the small-cell threshold has no number at all, only
 * {@code "< threshold"}, so no signal singles out a citizen.
 *
 * @param value the number as the API gives it; empty when hidden
 * @param text how a page shows it
 */
public record Figure(Optional<BigDecimal> value, String text) {

  public Figure {
    requireNonNull(value, "value is null");
    requireNonNull(text, "text is null");
  }

  public static Figure count(long n) {
    return new Figure(Optional.of(BigDecimal.valueOf(n)), Long.toString(n));
  }

  /** A fraction, to three places (0.425), shown as a percentage (42.5 %). */
  public static Figure share(double fraction) {
    BigDecimal rounded = BigDecimal.valueOf(fraction).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros();
    BigDecimal percent = rounded.movePointRight(2).setScale(1, RoundingMode.HALF_EVEN);
    return new Figure(Optional.of(rounded.scale() < 0 ? rounded.setScale(0) : rounded), percent.toPlainString() + " %");
  }

  /** A count of distinct subjects (or of consents, one citizen each): hidden under {@code threshold}. */
  public static Figure subjects(long n, int threshold) {
    return n < threshold ? new Figure(Optional.empty(), "< " + threshold) : count(n);
  }
}
