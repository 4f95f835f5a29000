package org.consentgateway.identity;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A row of {@code operators}; mapped to an {@link Operator} by {@link MemberKind#OPERATORS}. */
@Entity
@Table(name = "operators")
class OperatorRow extends MemberRow {

  /** For Hibernate. */
  OperatorRow() {}

  OperatorRow(Operator operator) {
    super(operator);
  }
}
