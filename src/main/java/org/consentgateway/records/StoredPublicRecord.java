package org.consentgateway.records;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** Persistence edge: a row of {@code public_records}. */
@Entity
@Table(name = "public_records")
public class StoredPublicRecord extends StoredRecord {
  protected StoredPublicRecord() {}
}
