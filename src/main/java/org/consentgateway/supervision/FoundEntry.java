package org.consentgateway.supervision;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditOutcome;

/**
 * An entry a search found, as its facets describe it: what a results list shows without reading the
 * entry itself. No member names a person (the facets hold no subject).
 *
 * @param institution the entry's institution (for a citizen's decision, the one whose request it answered)
 * @param reasonCode why a request was refused, for a refusal
 */
public record FoundEntry(long index, Instant time, Optional<String> institution, Optional<String> purpose, AuditAction action,
    AuditOutcome outcome, Optional<String> reasonCode) {

  public FoundEntry {
    requireNonNull(time, "time is null");
    requireNonNull(institution, "institution is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(action, "action is null");
    requireNonNull(outcome, "outcome is null");
    requireNonNull(reasonCode, "reasonCode is null");
  }
}
