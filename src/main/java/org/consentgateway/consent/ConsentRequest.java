package org.consentgateway.consent;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.policy.Grade;

/**
 * An institution's request for a citizen's consent.
 *
 * @param institutionName the institution's registered name, shown to the citizen
 * @param subjectRef the citizen's pseudonym; never the ID number
 * @param expiresAt the end of the answer window, after which the request reads as EXPIRED
 * @param consentId the consent an approval created; present exactly when APPROVED
 * @param redirect where the citizen is sent back once they have answered; empty when the
 *     institution named no redirect URI
 */
public record ConsentRequest(
    UUID id,
    String institutionUscc,
    String institutionName,
    String subjectRef,
    String purpose,
    Grade grade,
    int validDays,
    int maxUses,
    int dataWindowMonths,
    RequestStatus status,
    Instant createdAt,
    Instant expiresAt,
    Optional<Instant> answeredAt,
    Optional<UUID> consentId,
    Optional<Redirect> redirect) {

  public ConsentRequest {
    requireNonNull(id, "id is null");
    requireNonNull(institutionUscc, "institutionUscc is null");
    requireNonNull(institutionName, "institutionName is null");
    requireNonNull(subjectRef, "subjectRef is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(grade, "grade is null");
    requireNonNull(status, "status is null");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(expiresAt, "expiresAt is null");
    requireNonNull(answeredAt, "answeredAt is null");
    requireNonNull(consentId, "consentId is null");
    requireNonNull(redirect, "redirect is null");
    if (validDays < 1 || maxUses < 1 || dataWindowMonths < 1) {
      throw new IllegalArgumentException("validDays, maxUses and dataWindowMonths must be at least 1");
    }
    if ((status == RequestStatus.APPROVED) != consentId.isPresent()) {
      throw new IllegalArgumentException("an approved request names its consent, and only an approved one");
    }
  }

  /** The status as of {@code now}: a PENDING request past its answer window has EXPIRED. */
  public RequestStatus statusAt(Instant now) {
    return statusAt(status, expiresAt, now);
  }

  /** Whether the request still says PENDING although its answer window has passed at {@code now}: a lapse to write down. */
  public boolean lapsedAt(Instant now) {
    return status == RequestStatus.PENDING && statusAt(now) == RequestStatus.EXPIRED;
  }

  /**
   * Where the citizen's browser goes once they have answered this request:
   * {@code <redirectUri>?requestId=<id>&state=<state>&outcome=approved|rejected} ({@link Redirect#target}).
   * Empty for a request that named no redirect URI, and for one not answered (PENDING or EXPIRED).
   */
  public Optional<URI> redirectAfterAnswer() {
    return redirect.flatMap(to -> switch (status) {
      case APPROVED -> Optional.of(to.target(id, Redirect.Outcome.APPROVED));
      case REJECTED -> Optional.of(to.target(id, Redirect.Outcome.REJECTED));
      case PENDING, EXPIRED -> Optional.<URI>empty();
    });
  }

  /** This PENDING request as rejected at {@code at}. */
  ConsentRequest rejectedAt(Instant at) {
    return new ConsentRequest(id, institutionUscc, institutionName, subjectRef, purpose, grade, validDays, maxUses,
        dataWindowMonths, RequestStatus.REJECTED, createdAt, expiresAt, Optional.of(at), Optional.empty(), redirect);
  }

  /** The rule of {@link #statusAt(Instant)}, for a request's stored {@code status} and answer window. */
  static RequestStatus statusAt(RequestStatus status, Instant expiresAt, Instant now) {
    return switch (status) {
      case PENDING -> now.isBefore(expiresAt) ? RequestStatus.PENDING : RequestStatus.EXPIRED;
      case APPROVED, REJECTED, EXPIRED -> status;
    };
  }
}
