package org.consentgateway.supervision;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditOutcome;

/**
 * Which entries a search finds: each present member must match; time in {@code [from, to)}. There
 * is no member for a person: the search never finds entries by a subject's identity.
 *
 * @param institution a USCC: the entries of that institution (its queries and requests, and the
 *     citizens' decisions on its requests)
 */
public record SearchFilter(Optional<String> institution, Optional<String> purpose, Optional<AuditAction> action,
    Optional<AuditOutcome> outcome, Optional<Instant> from, Optional<Instant> to) {

  public SearchFilter {
    requireNonNull(institution, "institution is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(action, "action is null");
    requireNonNull(outcome, "outcome is null");
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
  }

  /** Every entry. */
  public static SearchFilter all() {
    return new SearchFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }
}
