package org.consentgateway.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.policy.Grade;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A row of {@code consent_requests} (V5) as Hibernate Reactive maps it; only {@link ConsentStore}
 * handles it, and maps it to {@link ConsentRequest}. The institution's name is not here: it is the
 * identity capability's, and the store adds it.
 */
@Entity
@Table(name = "consent_requests")
// Only the columns a change touched are written.
@DynamicUpdate
class ConsentRequestRow implements ConsentStore.InstitutionRow<ConsentRequest> {

  @Id
  @Column(name = "id", nullable = false, updatable = false)
  private UUID id;

  @Column(name = "institution_uscc", nullable = false, updatable = false, columnDefinition = "text")
  private String institutionUscc;

  @Column(name = "subject_ref", nullable = false, updatable = false, columnDefinition = "text")
  private String subjectRef;

  @Column(name = "purpose", nullable = false, updatable = false, columnDefinition = "text")
  private String purpose;

  @Enumerated(EnumType.STRING)
  @Column(name = "grade", nullable = false, updatable = false, columnDefinition = "text")
  private Grade grade;

  @Column(name = "valid_days", nullable = false, updatable = false)
  private int validDays;

  @Column(name = "max_uses", nullable = false, updatable = false)
  private int maxUses;

  @Column(name = "data_window_months", nullable = false, updatable = false)
  private int dataWindowMonths;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false, columnDefinition = "text")
  private RequestStatus status;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false, updatable = false)
  private Instant expiresAt;

  @Column(name = "answered_at")
  private Instant answeredAt;

  @Column(name = "consent_id")
  private UUID consentId;

  /** The registered redirect URI the request named (V9), exactly; null when it named none. */
  @Column(name = "redirect_uri", updatable = false, columnDefinition = "text")
  private String redirectUri;

  /** The institution's opaque state; null when it gave none. */
  @Column(name = "state", updatable = false, columnDefinition = "text")
  private String state;

  /** For Hibernate. */
  ConsentRequestRow() {}

  /** The row of a new request. */
  static ConsentRequestRow of(ConsentRequest request) {
    ConsentRequestRow row = new ConsentRequestRow();
    row.id = request.id();
    row.institutionUscc = request.institutionUscc();
    row.subjectRef = request.subjectRef();
    row.purpose = request.purpose();
    row.grade = request.grade();
    row.validDays = request.validDays();
    row.maxUses = request.maxUses();
    row.dataWindowMonths = request.dataWindowMonths();
    row.status = request.status();
    row.createdAt = request.createdAt();
    row.expiresAt = request.expiresAt();
    row.answeredAt = request.answeredAt().orElse(null);
    row.consentId = request.consentId().orElse(null);
    row.redirectUri = request.redirect().map(Redirect::uri).orElse(null);
    row.state = request.redirect().flatMap(Redirect::state).orElse(null);
    return row;
  }

  @Override
  public ConsentRequest named(String institutionName) {
    return new ConsentRequest(id, institutionUscc, institutionName, subjectRef, purpose, grade, validDays, maxUses,
        dataWindowMonths, status, createdAt, expiresAt, Optional.ofNullable(answeredAt), Optional.ofNullable(consentId),
        Optional.ofNullable(redirectUri).map(uri -> new Redirect(uri, Optional.ofNullable(state))));
  }

  @Override
  public String institutionUscc() {
    return institutionUscc;
  }

  RequestStatus status() {
    return status;
  }

  /** Approved at {@code at}, naming the consent it created. */
  void approve(UUID consent, Instant at) {
    status = RequestStatus.APPROVED;
    answeredAt = at;
    consentId = consent;
  }

  void reject(Instant at) {
    status = RequestStatus.REJECTED;
    answeredAt = at;
  }

  /** Whether the row still says PENDING although the answer window has passed at {@code now}. */
  boolean lapsedAt(Instant now) {
    return status == RequestStatus.PENDING && ConsentRequest.statusAt(status, expiresAt, now) == RequestStatus.EXPIRED;
  }

  /** Marks the request EXPIRED: what is recorded of its lapse. */
  ConsentExpiry.Lapsed expire() {
    status = RequestStatus.EXPIRED;
    return new ConsentExpiry.Lapsed(ConsentExpiry.Kind.REQUEST, id, institutionUscc, subjectRef, purpose, grade);
  }
}
