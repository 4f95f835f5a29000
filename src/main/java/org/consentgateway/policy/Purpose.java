package org.consentgateway.policy;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * A purpose an institution may query for, with the limits a consent for it must stay within.
 *
 * @param code stable identifier, e.g. {@code LOAN_APPROVAL}
 * @param labelZh the label shown to citizens (Chinese)
 * @param labelEn the English label
 */
public record Purpose(
    String code,
    String labelZh,
    String labelEn,
    Grade maxGrade,
    int maxValidityDays,
    int maxUses,
    int usesPerDay,
    int usesPerMonth,
    int maxDataWindowMonths,
    boolean oneTime) {

  public static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");

  public Purpose {
    requireNonNull(code, "code is null");
    requireNonNull(labelZh, "labelZh is null");
    requireNonNull(labelEn, "labelEn is null");
    requireNonNull(maxGrade, "maxGrade is null");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("purpose code must be upper-case letters, digits and _");
    }
    if (maxValidityDays < 1 || maxUses < 1 || usesPerDay < 1 || usesPerMonth < 1 || maxDataWindowMonths < 1) {
      throw new IllegalArgumentException("purpose limits must be at least 1");
    }
    if (usesPerDay > usesPerMonth) {
      throw new IllegalArgumentException("uses-per-day must not exceed uses-per-month");
    }
  }
}
