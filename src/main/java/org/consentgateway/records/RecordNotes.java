package org.consentgateway.records;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The notes on one subject's records, by record id; a record without a note has no entry. */
public record RecordNotes(Map<UUID, RecordNote> byRecord) {

  public static final RecordNotes NONE = new RecordNotes(Map.of());

  public RecordNotes {
    byRecord = Map.copyOf(requireNonNull(byRecord, "byRecord is null"));
  }

  public Optional<RecordNote> of(UUID recordId) {
    return Optional.ofNullable(byRecord.get(recordId));
  }
}
