package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * One query about a citizen, allowed or refused, as their inquiry history shows it: the audit
 * entry at {@code auditIndex} and, when an institution asked, its registered name.
 *
 * @param institutionName the name in the institution registry; empty when the actor is not an
 *     institution, or an institution no longer registered
 */
public record Inquiry(long auditIndex, AuditEvent event, Optional<String> institutionName) {

  private static final String INSTITUTION_PREFIX = "institution:";

  public Inquiry {
    if (auditIndex < 0) {
      throw new IllegalArgumentException("auditIndex must not be negative, got " + auditIndex);
    }
    requireNonNull(event, "event is null");
    requireNonNull(institutionName, "institutionName is null");
  }

  /** This inquiry with the asking institution's registered name, as {@code names} (USCC to name) has it. */
  public Inquiry named(Map<String, String> names) {
    return new Inquiry(auditIndex, event, institution().map(names::get));
  }

  /** The USCC of the institution that asked, or empty when the actor is not an institution. */
  public Optional<String> institution() {
    return institutionOf(event);
  }

  static Optional<String> institutionOf(AuditEvent event) {
    return event.actor().startsWith(INSTITUTION_PREFIX)
        ? Optional.of(event.actor().substring(INSTITUTION_PREFIX.length()))
        : Optional.empty();
  }
}
