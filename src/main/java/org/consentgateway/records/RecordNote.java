package org.consentgateway.records;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What is shown next to one of a subject's records wherever the record itself is shown: an open
 * dispute, the subject's statement, an approved repair; and, in the subject's own report only,
 * the record's data provider.
 */
public record RecordNote(boolean disputed, Optional<String> statement, Optional<RecordRepair> repair, Optional<String> provider) {

  public RecordNote {
    requireNonNull(statement, "statement is null");
    requireNonNull(repair, "repair is null");
    requireNonNull(provider, "provider is null");
  }

  /** Whether an approved repair hides the record for institutions. */
  public boolean hiddenByRepair() {
    return repair.isPresent() && !repair.get().shownToInstitutions();
  }
}
