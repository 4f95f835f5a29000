package org.consentgateway.supervision;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.audit.EntryOutline;
import org.consentgateway.consent.ConsentUses;

/**
 * What supervision reads from one audit entry. {@code institution} is the USCC of an
 * {@code institution:} actor, else the institution the entry names (a complaint's), else empty.
 */
record EntryFacts(long index, Instant time, LocalDate day, AuditAction action, AuditOutcome outcome, String actor,
    Optional<String> institution, Optional<String> subjectRef, String purpose, String grade, Optional<String> consentId,
    Optional<String> reasonCode) {

  static final String INSTITUTION_ACTOR = "institution:";

  EntryFacts {
    requireNonNull(time, "time is null");
    requireNonNull(day, "day is null");
    requireNonNull(action, "action is null");
    requireNonNull(outcome, "outcome is null");
    requireNonNull(actor, "actor is null");
    requireNonNull(institution, "institution is null");
    requireNonNull(subjectRef, "subjectRef is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(grade, "grade is null");
    requireNonNull(consentId, "consentId is null");
    requireNonNull(reasonCode, "reasonCode is null");
  }

  static EntryFacts of(EntryOutline entry) {
    Optional<String> institution = entry.actor().startsWith(INSTITUTION_ACTOR)
        ? Optional.of(entry.actor().substring(INSTITUTION_ACTOR.length())) : entry.institution();
    return new EntryFacts(entry.index(), entry.time(), dayOf(entry.time()), entry.action(), entry.outcome(), entry.actor(),
        institution, entry.subjectRef(), entry.purpose().orElse(""), entry.grade().orElse(""), entry.consentId(),
        entry.reasonCode());
  }

  /** The statistics day: the date in the zone of the project's daily limits. */
  static LocalDate dayOf(Instant time) {
    return LocalDate.ofInstant(time, ConsentUses.LIMIT_ZONE);
  }
}
