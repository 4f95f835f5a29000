package org.consentgateway.complaint;

import java.time.Instant;
import java.util.Optional;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;

/**
 * Which status each step starts from (FILED → ACKNOWLEDGED → (INFORMATION_REQUESTED → RESPONDED)*
 * → RESOLVED; a regulator may resolve while a question waits), and the complaint after a step.
 * Every switch names every status: one added later does not compile until each step decides it.
 */
final class ComplaintTransitions {

  private ComplaintTransitions() {}

  static void acknowledge(ComplaintStatus from) {
    boolean allowed = switch (from) {
      case FILED -> true;
      case ACKNOWLEDGED, INFORMATION_REQUESTED, RESPONDED, RESOLVED -> false;
    };
    refuseUnless(allowed, from, "acknowledged");
  }

  static void requestInformation(ComplaintStatus from) {
    boolean allowed = switch (from) {
      case ACKNOWLEDGED, RESPONDED -> true;
      // FILED: acknowledge first; INFORMATION_REQUESTED: a question is already waiting.
      case FILED, INFORMATION_REQUESTED, RESOLVED -> false;
    };
    refuseUnless(allowed, from, "asked about");
  }

  static void respond(ComplaintStatus from) {
    boolean allowed = switch (from) {
      case INFORMATION_REQUESTED -> true;
      case FILED, ACKNOWLEDGED, RESPONDED, RESOLVED -> false;
    };
    if (!allowed) {
      throw new ProblemException(ErrorCode.COMPLAINT_STATUS, "No question of the regulator is waiting for an answer.");
    }
  }

  static void resolve(ComplaintStatus from) {
    boolean allowed = switch (from) {
      case ACKNOWLEDGED, INFORMATION_REQUESTED, RESPONDED -> true;
      case FILED, RESOLVED -> false;
    };
    refuseUnless(allowed, from, "resolved");
  }

  private static void refuseUnless(boolean allowed, ComplaintStatus from, String what) {
    if (!allowed) {
      throw new ProblemException(ErrorCode.COMPLAINT_STATUS, "A complaint " + from + " cannot be " + what + ".");
    }
  }

  static Next with(Complaint complaint, ComplaintStatus status) {
    return new Next(complaint, status);
  }

  /** The complaint after one step: its status and what the step records. */
  static final class Next {
    private final Complaint from;
    private final ComplaintStatus status;
    private Optional<Instant> acknowledgedAt;
    private Optional<String> question;
    private Optional<Instant> questionAt;
    private Optional<String> response;
    private Optional<Instant> respondedAt;
    private Optional<ComplaintOutcome> outcome;
    private Optional<String> note;
    private Optional<Instant> resolvedAt;

    private Next(Complaint from, ComplaintStatus status) {
      this.from = from;
      this.status = status;
      acknowledgedAt = from.acknowledgedAt();
      question = from.question();
      questionAt = from.questionAt();
      response = from.response();
      respondedAt = from.respondedAt();
      outcome = from.outcome();
      note = from.resolutionNote();
      resolvedAt = from.resolvedAt();
    }

    Next acknowledgedAt(Instant at) {
      acknowledgedAt = Optional.of(at);
      return this;
    }

    /** A new question replaces the last one and its answer (the rounds before are in the audit log). */
    Next question(String text, Instant at) {
      question = Optional.of(text);
      questionAt = Optional.of(at);
      response = Optional.empty();
      respondedAt = Optional.empty();
      return this;
    }

    Next response(String text, Instant at) {
      response = Optional.of(text);
      respondedAt = Optional.of(at);
      return this;
    }

    Next resolution(ComplaintOutcome decided, String text, Instant at) {
      outcome = Optional.of(decided);
      note = Optional.of(text);
      resolvedAt = Optional.of(at);
      return this;
    }

    Complaint build() {
      return new Complaint(from.id(), from.subjectRef(), from.institutionUscc(), from.auditIndex(), from.reason(), from.text(),
          status, from.filedAt(), from.dueBy(), from.evidence(), acknowledgedAt, question, questionAt, response, respondedAt,
          outcome, note, resolvedAt);
    }
  }
}
