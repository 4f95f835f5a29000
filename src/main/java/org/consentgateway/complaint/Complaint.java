package org.consentgateway.complaint;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One complaint about one query in a citizen's inquiry history. {@code text}, the regulator's
 * {@code question}, the institution's {@code response} and the {@code resolutionNote} are free text
 * written by people: stored sealed, never logged or audited. The institution is shown only
 * {@link #forInstitution()}, which holds none of the citizen's text and nothing that identifies them.
 *
 * @param subjectRef the citizen who filed it
 * @param institutionUscc the institution that made the query: the complained-of entry's actor
 * @param auditIndex the complained-of entry's index in the log
 * @param question the regulator's latest question to the institution, if one was asked
 * @param response the institution's latest answer, if it answered
 */
public record Complaint(
    UUID id,
    String subjectRef,
    String institutionUscc,
    long auditIndex,
    ComplaintReason reason,
    String text,
    ComplaintStatus status,
    Instant filedAt,
    Instant dueBy,
    ComplaintEvidence evidence,
    Optional<Instant> acknowledgedAt,
    Optional<String> question,
    Optional<Instant> questionAt,
    Optional<String> response,
    Optional<Instant> respondedAt,
    Optional<ComplaintOutcome> outcome,
    Optional<String> resolutionNote,
    Optional<Instant> resolvedAt) {

  public Complaint {
    requireNonNull(id, "id is null");
    requireNonNull(subjectRef, "subjectRef is null");
    requireNonNull(institutionUscc, "institutionUscc is null");
    requireNonNull(reason, "reason is null");
    requireNonNull(text, "text is null");
    requireNonNull(status, "status is null");
    requireNonNull(filedAt, "filedAt is null");
    requireNonNull(dueBy, "dueBy is null");
    requireNonNull(evidence, "evidence is null");
    requireNonNull(acknowledgedAt, "acknowledgedAt is null");
    requireNonNull(question, "question is null");
    requireNonNull(questionAt, "questionAt is null");
    requireNonNull(response, "response is null");
    requireNonNull(respondedAt, "respondedAt is null");
    requireNonNull(outcome, "outcome is null");
    requireNonNull(resolutionNote, "resolutionNote is null");
    requireNonNull(resolvedAt, "resolvedAt is null");
    if (evidence.auditIndex() != auditIndex) {
      throw new IllegalArgumentException("the evidence is of another entry");
    }
  }

  /** Open past its deadline at {@code now}. */
  public boolean overdue(Instant now) {
    return status.open() && now.isAfter(dueBy);
  }

  /** What the institution concerned may see of it. */
  public InstitutionView forInstitution() {
    return new InstitutionView(id, institutionUscc, auditIndex, reason, status, filedAt, dueBy, question, questionAt, response,
        respondedAt, outcome, resolvedAt);
  }

  @Override
  public String toString() {
    return "Complaint[" + id + ", entry " + auditIndex + ", " + reason.code() + ", " + status + "]";
  }

  /**
   * A complaint as the institution concerned sees it: its own query's index, the reason code, the
   * regulator's question and its own answer; never the citizen's text, their subjectRef or the
   * regulator's note.
   */
  public record InstitutionView(
      UUID id,
      String institutionUscc,
      long auditIndex,
      ComplaintReason reason,
      ComplaintStatus status,
      Instant filedAt,
      Instant dueBy,
      Optional<String> question,
      Optional<Instant> questionAt,
      Optional<String> response,
      Optional<Instant> respondedAt,
      Optional<ComplaintOutcome> outcome,
      Optional<Instant> resolvedAt) {

    public InstitutionView {
      requireNonNull(id, "id is null");
      requireNonNull(institutionUscc, "institutionUscc is null");
      requireNonNull(reason, "reason is null");
      requireNonNull(status, "status is null");
      requireNonNull(filedAt, "filedAt is null");
      requireNonNull(dueBy, "dueBy is null");
      requireNonNull(question, "question is null");
      requireNonNull(questionAt, "questionAt is null");
      requireNonNull(response, "response is null");
      requireNonNull(respondedAt, "respondedAt is null");
      requireNonNull(outcome, "outcome is null");
      requireNonNull(resolvedAt, "resolvedAt is null");
    }

    @Override
    public String toString() {
      return "InstitutionView[" + id + ", entry " + auditIndex + ", " + reason.code() + ", " + status + "]";
    }
  }
}
