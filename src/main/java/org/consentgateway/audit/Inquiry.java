package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * One query about a citizen, allowed or refused, as their inquiry history shows it: its audit
 * entry and, when an institution asked, its registered name. The whole entry is kept, not only
 * its event, so a page can hand the entry's exact bytes to a browser that checks its inclusion
 * proof itself.
 *
 * @param institutionName the name in the institution registry; empty when the actor is not an
 *     institution, or an institution no longer registered
 */
public record Inquiry(AuditEntry entry, Optional<String> institutionName) {

  private static final String INSTITUTION_PREFIX = "institution:";

  public Inquiry {
    requireNonNull(entry, "entry is null");
    requireNonNull(institutionName, "institutionName is null");
  }

  /** The entry's index in the log. */
  public long auditIndex() {
    return entry.index();
  }

  public AuditEvent event() {
    return entry.event();
  }

  /** The entry's exact canonical bytes: the input of its leaf hash (RFC 9162 §2.1.1). */
  public byte[] leafInput() {
    return entry.toCanonicalJson();
  }

  /** This inquiry with the asking institution's registered name, as {@code names} (USCC to name) has it. */
  public Inquiry named(Map<String, String> names) {
    return new Inquiry(entry, institution().map(names::get));
  }

  /** The USCC of the institution that asked, or empty when the actor is not an institution. */
  public Optional<String> institution() {
    return institutionOf(event());
  }

  static Optional<String> institutionOf(AuditEvent event) {
    return event.actor().startsWith(INSTITUTION_PREFIX)
        ? Optional.of(event.actor().substring(INSTITUTION_PREFIX.length()))
        : Optional.empty();
  }
}
