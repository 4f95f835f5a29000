package org.consentgateway.consent;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import org.consentgateway.error.ErrorCode;

/**
 * What decides whether a consent may be used now: its status, its period and its uses left. This
 * is the one place that rule lives; the query path asks it, nothing holds a copy. The switch over
 * the status has no {@code default}: a status added later will not compile until it is decided
 * here, and only {@code ACTIVE} can ever admit a use.
 *
 * @param expiresAt end of the period, exclusive
 */
public record ConsentTerms(ConsentStatus status, Instant notBefore, Instant expiresAt, int usesLeft) {

  /** Why a consent cannot be used now: the error code the query is refused with, and a detail for the caller. */
  public record Refusal(ErrorCode code, String detail) {
    public Refusal {
      requireNonNull(code, "code is null");
      requireNonNull(detail, "detail is null");
    }
  }

  public ConsentTerms {
    requireNonNull(status, "status is null");
    requireNonNull(notBefore, "notBefore is null");
    requireNonNull(expiresAt, "expiresAt is null");
  }

  /** The status as of {@code now}: a live consent past its period has EXPIRED, whatever the row still says. */
  public ConsentStatus statusAt(Instant now) {
    return status.live() && !now.isBefore(expiresAt) ? ConsentStatus.EXPIRED : status;
  }

  /** Whether the status still says ACTIVE or PAUSED although the period has ended at {@code now}: a lapse to write down. */
  public boolean lapsedAt(Instant now) {
    return status.live() && statusAt(now) == ConsentStatus.EXPIRED;
  }

  /** Empty when one use may be taken at {@code now}; otherwise the first rule it breaks. */
  public Optional<Refusal> refusalAt(Instant now) {
    return switch (status) {
      case REVOKED -> refused(ErrorCode.CONSENT_REVOKED, "The citizen has revoked this consent.");
      case PAUSED -> refused(ErrorCode.CONSENT_REVOKED, "The citizen has paused this consent.");
      case EXPIRED -> refused(ErrorCode.CONSENT_EXPIRED, "The consent has expired.");
      case ACTIVE, EXHAUSTED -> refusalOfPeriodAndUses(now);
    };
  }

  private Optional<Refusal> refusalOfPeriodAndUses(Instant now) {
    if (!now.isBefore(expiresAt)) {
      return refused(ErrorCode.CONSENT_EXPIRED, "The consent expired at " + expiresAt + ".");
    }
    if (now.isBefore(notBefore)) {
      return refused(ErrorCode.CONSENT_INVALID, "The consent is not valid yet.");
    }
    if (status != ConsentStatus.ACTIVE || usesLeft <= 0) {
      return refused(ErrorCode.CONSENT_EXHAUSTED, "The consent has no uses left.");
    }
    return Optional.empty();
  }

  private static Optional<Refusal> refused(ErrorCode code, String detail) {
    return Optional.of(new Refusal(code, detail));
  }
}
