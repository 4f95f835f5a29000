package org.consentgateway.policy;

import java.util.Arrays;
import java.util.Optional;
import org.consentgateway.records.CreditAccount;
import org.consentgateway.records.PublicRecord;

/**
 * Categories of credit information, each with its display period in {@code categories.yaml}. The
 * set is closed: which record falls in which category is decided here, the period in the file.
 */
public enum InformationCategory {
  /** An account without negative information: shown without time limit. */
  POSITIVE_ACCOUNT(false),
  /** An overdue, defaulted or written-off account, or one with a past negative episode. */
  NEGATIVE_ACCOUNT(true),
  COURT_JUDGMENT(true),
  ENFORCEMENT(true),
  TAX_ARREARS(true),
  ADMINISTRATIVE_PENALTY(true);

  private final boolean negative;

  InformationCategory(boolean negative) {
    this.negative = negative;
  }

  /** Negative information is the kind a display period applies to. */
  public boolean negative() {
    return negative;
  }

  /** A category of public records (the kind a credit repair applies to), not of accounts. */
  public boolean publicRecord() {
    return switch (this) {
      case POSITIVE_ACCOUNT, NEGATIVE_ACCOUNT -> false;
      case COURT_JUDGMENT, ENFORCEMENT, TAX_ARREARS, ADMINISTRATIVE_PENALTY -> true;
    };
  }

  public static InformationCategory of(CreditAccount account) {
    return account.negative() ? NEGATIVE_ACCOUNT : POSITIVE_ACCOUNT;
  }

  public static InformationCategory of(PublicRecord record) {
    return switch (record.type()) {
      case COURT_JUDGMENT -> COURT_JUDGMENT;
      case ENFORCEMENT -> ENFORCEMENT;
      case TAX_ARREARS -> TAX_ARREARS;
      case ADMINISTRATIVE_PENALTY -> ADMINISTRATIVE_PENALTY;
    };
  }

  public static Optional<InformationCategory> named(String name) {
    return Arrays.stream(values()).filter(category -> category.name().equals(name)).findFirst();
  }
}
