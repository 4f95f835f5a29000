package org.consentgateway.records;

/** The state of a credit account; the negative ones are subject to the display period. */
public enum AccountStatus {
  NORMAL(false),
  CLOSED(false),
  OVERDUE(true),
  /** 呆账: the lender has classified the debt as bad. */
  DEFAULT(true),
  WRITTEN_OFF(true);

  private final boolean negative;

  AccountStatus(boolean negative) {
    this.negative = negative;
  }

  public boolean negative() {
    return negative;
  }
}
