package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import java.util.Base64;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.audit.Inquiry;
import org.consentgateway.audit.InquiryJson;

/**
 * One row of "who looked at my credit report", in the reader's words: when, who (an institution
 * by its registered name, or the citizen themself), for what, at which grade, whether it was
 * allowed or refused and why, and the entry's index and exact bytes for the browser's proof check.
 *
 * @param leafInput base64 of the entry's canonical bytes, whose leaf hash the browser computes
 * @param byInstitution whether an institution asked (not the citizen themself): only such a query can be complained about
 */
public record InquiryRow(long index, Labels.When when, String who, String purpose, String grade, boolean allowed,
    String outcome, String leafInput, boolean byInstitution) {

  public InquiryRow {
    requireNonNull(when, "when is null");
    requireNonNull(who, "who is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(grade, "grade is null");
    requireNonNull(outcome, "outcome is null");
    requireNonNull(leafInput, "leafInput is null");
  }

  static InquiryRow of(Inquiry inquiry, Labels labels) {
    AuditEvent event = inquiry.event();
    String who = inquiry.institution()
        .map(uscc -> inquiry.institutionName().map(name -> labels.t("queries.institution", name, uscc))
            .orElse(labels.t("queries.institution.unregistered", uscc)))
        .orElseGet(() -> labels.actor(InquiryJson.actorKind(event.actor())));
    boolean allowed = event.outcome() == AuditOutcome.ALLOWED;
    String outcome = allowed ? labels.t("queries.allowed") : refusal(event, labels);
    return new InquiryRow(inquiry.auditIndex(), labels.at(event.time()), who, event.purpose().map(labels::purpose).orElse(""),
        event.grade().map(labels::grade).orElse(""), allowed, outcome, Base64.getEncoder().encodeToString(inquiry.leafInput()),
        inquiry.institution().isPresent());
  }

  private static String refusal(AuditEvent event, Labels labels) {
    return event.reasonCode()
        .map(code -> labels.has("queries.refused." + code) ? labels.t("queries.refused." + code) : labels.t("queries.refused.other", code))
        .orElse(labels.t("queries.refused"));
  }
}
