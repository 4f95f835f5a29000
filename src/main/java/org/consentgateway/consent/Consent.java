package org.consentgateway.consent;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;
import org.consentgateway.policy.Grade;

/**
 * A citizen's consent: one institution, one purpose, one grade, for a period and a number of uses.
 *
 * @param institutionName the institution's registered name, shown to the citizen
 * @param subjectRef the citizen's pseudonym; never the ID number
 * @param notBefore start of the validity period
 * @param expiresAt end of the validity period (exclusive)
 */
public record Consent(
    UUID id,
    UUID requestId,
    String institutionUscc,
    String institutionName,
    String subjectRef,
    String purpose,
    Grade grade,
    int maxUses,
    int usesLeft,
    int dataWindowMonths,
    ConsentStatus status,
    Instant createdAt,
    Instant notBefore,
    Instant expiresAt,
    Instant updatedAt) {

  public Consent {
    requireNonNull(id, "id is null");
    requireNonNull(requestId, "requestId is null");
    requireNonNull(institutionUscc, "institutionUscc is null");
    requireNonNull(institutionName, "institutionName is null");
    requireNonNull(subjectRef, "subjectRef is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(grade, "grade is null");
    requireNonNull(status, "status is null");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(notBefore, "notBefore is null");
    requireNonNull(expiresAt, "expiresAt is null");
    requireNonNull(updatedAt, "updatedAt is null");
    if (maxUses < 1 || usesLeft < 0 || usesLeft > maxUses || dataWindowMonths < 1) {
      throw new IllegalArgumentException("uses must satisfy 0 <= usesLeft <= maxUses, maxUses >= 1, dataWindowMonths >= 1");
    }
    if (!expiresAt.isAfter(notBefore)) {
      throw new IllegalArgumentException("expiresAt must be after notBefore");
    }
  }

  /** The status as of {@code now}: a live consent past its period has EXPIRED, whatever the row still says. */
  public ConsentStatus statusAt(Instant now) {
    return terms().statusAt(now);
  }

  /** Whether the row still says ACTIVE or PAUSED although the period has ended at {@code now} (see {@link ConsentTerms#lapsedAt}). */
  public boolean lapsedAt(Instant now) {
    return terms().lapsedAt(now);
  }

  /** What decides whether this consent may be used (see {@link ConsentTerms#refusalAt}). */
  public ConsentTerms terms() {
    return new ConsentTerms(status, notBefore, expiresAt, usesLeft);
  }
}
