package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A complaint webhook event that verified ({@code typ} {@code complaint-event+jwt},
 * docs/citizen-rights.md "Complaints"): a citizen complained about this institution's query at
 * {@code auditIndex} ({@code filed}), the regulator asks a question to answer with {@code POST
 * /v1/complaints/{id}/response} ({@code information_requested}), or decided ({@code resolved},
 * with {@code outcome} {@code upheld} or {@code dismissed}). It names no person. An event may
 * arrive more than once: drop duplicates by {@code eventId}.
 *
 * @param eventId the event's {@code jti}
 */
public record ComplaintEvent(String eventId, String complaintId, long auditIndex, String event, Optional<String> outcome,
    Instant issuedAt) {

  public ComplaintEvent {
    requireNonNull(eventId, "eventId is null");
    requireNonNull(complaintId, "complaintId is null");
    requireNonNull(event, "event is null");
    requireNonNull(outcome, "outcome is null");
    requireNonNull(issuedAt, "issuedAt is null");
  }
}
