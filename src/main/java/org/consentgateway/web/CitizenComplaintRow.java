package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.audit.Inquiry;
import org.consentgateway.complaint.Complaint;

/**
 * One of the citizen's complaints as "my complaints" shows it: the query complained about (as "who
 * looked" shows it, read from the entry the complaint carries), why, where it stands, the due date,
 * the regulator's question to the institution and the institution's answer (its own words, said
 * to be so) as the citizen's API returns them, and the regulator's note once resolved.
 *
 * @param query the complained-of entry, with its index and bytes for the browser's proof check
 * @param status the status, or the outcome once resolved, in the reader's words
 * @param upheld whether it was resolved in the citizen's favour (shown in words, not colour alone)
 * @param question the regulator's latest question to the institution, if one was asked
 * @param answer the institution's latest answer, in its own words, if it answered
 */
public record CitizenComplaintRow(UUID id, Labels.When filed, Labels.When due, boolean overdue, InquiryRow query, String reason,
    String status, boolean upheld, Optional<String> note, Optional<String> question, Optional<String> answer) {

  public CitizenComplaintRow {
    requireNonNull(id, "id is null");
    requireNonNull(filed, "filed is null");
    requireNonNull(due, "due is null");
    requireNonNull(query, "query is null");
    requireNonNull(reason, "reason is null");
    requireNonNull(status, "status is null");
    requireNonNull(note, "note is null");
    requireNonNull(question, "question is null");
    requireNonNull(answer, "answer is null");
  }

  /** {@code complaint} at {@code now}, its institution named as {@code names} (USCC to name) has it. */
  static CitizenComplaintRow of(Complaint complaint, Map<String, String> names, Labels labels, Instant now) {
    Inquiry inquiry = new Inquiry(AuditEntry.parse(complaint.evidence().leafInput()),
        Optional.ofNullable(names.get(complaint.institutionUscc())));
    String status = complaint.outcome().map(labels::outcome).orElseGet(() -> labels.status(complaint.status()));
    boolean upheld = complaint.outcome().map(outcome -> switch (outcome) {
      case UPHELD -> true;
      case DISMISSED -> false;
    }).orElse(false);
    return new CitizenComplaintRow(complaint.id(), labels.at(complaint.filedAt()), labels.day(complaint.dueBy()),
        complaint.overdue(now), InquiryRow.of(inquiry, labels), labels.reason(complaint.reason()), status, upheld,
        complaint.resolutionNote(), complaint.question(), complaint.response());
  }

  /** Where its evidence (a case file of the one entry) is downloaded. */
  public String evidencePath() {
    return ComplaintPages.evidencePath(id);
  }
}
