package org.consentgateway.records;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The notes on one subject's records, by record id; a record without a note has no entry. */
public record RecordNotes(Map<UUID, RecordNote> byRecord) {

  public static final RecordNotes NONE = new RecordNotes(Map.of());

  public RecordNotes {
    byRecord = Map.copyOf(requireNonNull(byRecord, "byRecord is null"));
  }

  /** The notes of a subject who made {@code statements} and has an open dispute on each of {@code disputed}. */
  public static RecordNotes of(Map<UUID, String> statements, Collection<UUID> disputed) {
    Map<UUID, RecordNote> notes = new HashMap<>();
    statements.forEach((id, text) -> notes.put(id, new RecordNote(false, Optional.of(text))));
    disputed.forEach(id -> notes.merge(id, new RecordNote(true, Optional.empty()),
        (stated, open) -> new RecordNote(true, stated.statement())));
    return new RecordNotes(notes);
  }

  public Optional<RecordNote> of(UUID recordId) {
    return Optional.ofNullable(byRecord.get(recordId));
  }
}
