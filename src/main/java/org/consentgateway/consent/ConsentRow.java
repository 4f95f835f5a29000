package org.consentgateway.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.consentgateway.policy.Grade;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A row of {@code consents} (V5) as Hibernate Reactive maps it; only {@link ConsentStore} handles
 * it, and maps it to {@link Consent}. The institution's name is not here: it is the identity
 * capability's, and the store adds it.
 */
@Entity
@Table(name = "consents")
// Only the columns a change touched are written: uses_left belongs to the query path (ConsentUses).
@DynamicUpdate
class ConsentRow implements ConsentStore.InstitutionRow<Consent> {

  @Id
  @Column(name = "id", nullable = false, updatable = false)
  private UUID id;

  @Column(name = "request_id", nullable = false, updatable = false)
  private UUID requestId;

  @Column(name = "institution_uscc", nullable = false, updatable = false, columnDefinition = "text")
  private String institutionUscc;

  @Column(name = "subject_ref", nullable = false, updatable = false, columnDefinition = "text")
  private String subjectRef;

  @Column(name = "purpose", nullable = false, updatable = false, columnDefinition = "text")
  private String purpose;

  @Enumerated(EnumType.STRING)
  @Column(name = "grade", nullable = false, updatable = false, columnDefinition = "text")
  private Grade grade;

  @Column(name = "max_uses", nullable = false, updatable = false)
  private int maxUses;

  @Column(name = "uses_left", nullable = false, updatable = false)
  private int usesLeft;

  @Column(name = "data_window_months", nullable = false, updatable = false)
  private int dataWindowMonths;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, columnDefinition = "text")
  private ConsentStatus status;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "not_before", nullable = false, updatable = false)
  private Instant notBefore;

  @Column(name = "expires_at", nullable = false, updatable = false)
  private Instant expiresAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  /** For Hibernate. */
  ConsentRow() {}

  /** The row of a new consent. */
  static ConsentRow of(Consent consent) {
    ConsentRow row = new ConsentRow();
    row.id = consent.id();
    row.requestId = consent.requestId();
    row.institutionUscc = consent.institutionUscc();
    row.subjectRef = consent.subjectRef();
    row.purpose = consent.purpose();
    row.grade = consent.grade();
    row.maxUses = consent.maxUses();
    row.usesLeft = consent.usesLeft();
    row.dataWindowMonths = consent.dataWindowMonths();
    row.status = consent.status();
    row.createdAt = consent.createdAt();
    row.notBefore = consent.notBefore();
    row.expiresAt = consent.expiresAt();
    row.updatedAt = consent.updatedAt();
    return row;
  }

  @Override
  public Consent named(String institutionName) {
    return new Consent(id, requestId, institutionUscc, institutionName, subjectRef, purpose, grade, maxUses, usesLeft,
        dataWindowMonths, status, createdAt, notBefore, expiresAt, updatedAt);
  }

  @Override
  public String institutionUscc() {
    return institutionUscc;
  }

  /** The status the lifecycle moved the consent to, at {@code at}. */
  void status(ConsentStatus newStatus, Instant at) {
    status = newStatus;
    updatedAt = at;
  }

  /** Whether the row still says ACTIVE or PAUSED although the consent's period has ended at {@code now}. */
  boolean lapsedAt(Instant now) {
    return new ConsentTerms(status, notBefore, expiresAt, usesLeft).lapsedAt(now);
  }

  /** Marks the consent EXPIRED at {@code now}: what is recorded of its lapse. */
  ConsentExpiry.Lapsed expire(Instant now) {
    status(ConsentStatus.EXPIRED, now);
    return new ConsentExpiry.Lapsed(ConsentExpiry.Kind.CONSENT, id, institutionUscc, subjectRef, purpose, grade);
  }
}
