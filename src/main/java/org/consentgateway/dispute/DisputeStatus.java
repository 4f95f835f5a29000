package org.consentgateway.dispute;

/** A dispute is OPEN until an operator resolves it as CORRECTED (the record was wrong) or REJECTED. */
public enum DisputeStatus {
  OPEN,
  CORRECTED,
  REJECTED
}
