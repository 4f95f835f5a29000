package org.consentgateway.records;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** Persistence edge: a row of {@code credit_accounts}. */
@Entity
@Table(name = "credit_accounts")
public class StoredAccount extends StoredRecord {
  protected StoredAccount() {}
}
