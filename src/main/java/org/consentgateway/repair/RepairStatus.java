package org.consentgateway.repair;

/**
 * A repair application is PENDING until its data provider APPROVES or REJECTS it, or the citizen
 * WITHDRAWS it.
 */
public enum RepairStatus {
  PENDING,
  APPROVED,
  REJECTED,
  WITHDRAWN
}
