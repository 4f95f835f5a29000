package org.consentgateway.records;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code record_statements} as Hibernate maps it; only {@link RecordStore} sees it. The
 * statement is the sealed bytes, bound to the record.
 */
@Entity
@Table(name = "record_statements")
class StatementRow {

  @Id
  @Column(name = "record_id")
  UUID recordId;

  @Enumerated(EnumType.STRING)
  @Column(name = "record_kind", nullable = false, updatable = false, columnDefinition = "text")
  RecordKind recordKind;

  @Column(name = "subject_ref", nullable = false, updatable = false, columnDefinition = "text")
  String subjectRef;

  @Column(name = "statement", nullable = false)
  byte[] statement;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  /** For Hibernate. */
  StatementRow() {}

  StatementRow(RecordStore.Owned record) {
    this.recordId = record.id();
    this.recordKind = record.kind();
    this.subjectRef = record.subjectRef();
  }

  /** Replaces the statement; written when the transaction commits. */
  void write(byte[] sealedStatement, Instant now) {
    this.statement = sealedStatement;
    this.updatedAt = now;
  }
}
