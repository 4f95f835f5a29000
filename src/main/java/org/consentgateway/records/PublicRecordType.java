package org.consentgateway.records;

/** Public records a credit report carries; all of them are negative information. */
public enum PublicRecordType {
  COURT_JUDGMENT,
  ENFORCEMENT,
  TAX_ARREARS,
  ADMINISTRATIVE_PENALTY
}
