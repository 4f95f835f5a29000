package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A webhook event that verified ({@code typ} {@code consent-event+jwt}, docs/consents.md
 * "Notifications"): one of this institution's consents was {@code revoked}, {@code paused},
 * {@code resumed}, {@code expired} or {@code exhausted}. An event may arrive more than once:
 * drop duplicates by {@code eventId}.
 *
 * @param eventId the event's {@code jti}
 */
public record ConsentEvent(String eventId, String consentId, String event, Instant issuedAt) {

  public ConsentEvent {
    requireNonNull(eventId, "eventId is null");
    requireNonNull(consentId, "consentId is null");
    requireNonNull(event, "event is null");
    requireNonNull(issuedAt, "issuedAt is null");
  }
}
