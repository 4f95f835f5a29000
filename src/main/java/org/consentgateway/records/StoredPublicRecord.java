package org.consentgateway.records;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Persistence edge: a row of {@code public_records}; the payload is the encrypted record. */
@Entity
@Table(name = "public_records")
public class StoredPublicRecord {
  @Id
  @Column(name = "id")
  UUID id;

  @Column(name = "subject_ref", nullable = false, columnDefinition = "text")
  String subjectRef;

  @Column(name = "version", nullable = false)
  int version;

  @Column(name = "payload", nullable = false)
  byte[] payload;

  @Column(name = "created_at", nullable = false)
  OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  OffsetDateTime updatedAt;

  protected StoredPublicRecord() {}
}
