package org.consentgateway.records;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Persistence edge: the columns every record table shares; the payload is the encrypted record. */
@MappedSuperclass
abstract class StoredRecord {
  @Id
  @Column(name = "id")
  UUID id;

  // The schema says text; without the definition Hibernate expects varchar(255) and refuses it.
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
}
