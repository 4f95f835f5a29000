package org.consentgateway.records;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What the subject has attached to one of their records: an open dispute, and their statement.
 * Shown next to the record wherever the record itself is shown.
 */
public record RecordNote(boolean disputed, Optional<String> statement) {

  public RecordNote {
    requireNonNull(statement, "statement is null");
  }
}
