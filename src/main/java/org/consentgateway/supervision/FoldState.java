package org.consentgateway.supervision;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a fold needs from earlier entries, loaded for the keys a chunk names: the open consent
 * requests by (subject, purpose, grade), oldest first; each approved consent's institution; the
 * open disputes by subject, oldest first.
 */
record FoldState(Map<RequestKey, List<OpenRequest>> openRequests, Map<String, String> consentInstitutions,
    Map<String, List<OpenDispute>> openDisputes) {

  FoldState {
    openRequests = Map.copyOf(openRequests);
    consentInstitutions = Map.copyOf(consentInstitutions);
    openDisputes = Map.copyOf(openDisputes);
  }

  static FoldState empty() {
    return new FoldState(Map.of(), Map.of(), Map.of());
  }

  /** What a decision names of the request it answers. */
  record RequestKey(String subjectRef, String purpose, String grade) {
    RequestKey {
      requireNonNull(subjectRef, "subjectRef is null");
      requireNonNull(purpose, "purpose is null");
      requireNonNull(grade, "grade is null");
    }
  }

  /** A consent request not yet answered: its entry's index, institution and time. */
  record OpenRequest(long requestIndex, RequestKey key, String institution, Instant requestedAt) {
    OpenRequest {
      requireNonNull(key, "key is null");
      requireNonNull(institution, "institution is null");
      requireNonNull(requestedAt, "requestedAt is null");
    }
  }

  /** A dispute not yet resolved: its filing entry's index, subject, time and day. */
  record OpenDispute(long filedIndex, String subjectRef, Instant filedAt, LocalDate day) {
    OpenDispute {
      requireNonNull(subjectRef, "subjectRef is null");
      requireNonNull(filedAt, "filedAt is null");
      requireNonNull(day, "day is null");
    }
  }
}
