package org.consentgateway.identity;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A row of {@code regulators}; mapped to a {@link Regulator} by {@link MemberKind#REGULATORS}. */
@Entity
@Table(name = "regulators")
class RegulatorRow extends MemberRow {

  /** For Hibernate. */
  RegulatorRow() {}

  RegulatorRow(Regulator regulator) {
    super(regulator);
  }
}
