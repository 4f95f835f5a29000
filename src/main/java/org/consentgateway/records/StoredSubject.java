package org.consentgateway.records;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Persistence edge: a row of {@code subjects}. Mapped to domain records by the code that reads it. */
@Entity
@Table(name = "subjects")
public class StoredSubject {
  @Id
  // The schema says text; without the definition Hibernate expects varchar(255) and refuses it.
  @Column(name = "subject_ref", columnDefinition = "text")
  String subjectRef;

  @Column(name = "identity", nullable = false)
  byte[] identity;

  @Column(name = "created_at", nullable = false)
  OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  OffsetDateTime updatedAt;

  protected StoredSubject() {}
}
