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
    return of(statements, disputed, Map.of(), Map.of());
  }

  /**
   * The notes of a subject who made {@code statements}, has an open dispute on each of {@code
   * disputed}, whose records carry {@code repairs}; with each record's provider from {@code
   * providers} (given for the subject's own report only, empty for institutions).
   */
  public static RecordNotes of(Map<UUID, String> statements, Collection<UUID> disputed, Map<UUID, RecordRepair> repairs,
      Map<UUID, String> providers) {
    Map<UUID, RecordNote> notes = new HashMap<>();
    statements.forEach((id, text) -> notes.put(id, new RecordNote(false, Optional.of(text), Optional.empty(), Optional.empty())));
    disputed.forEach(id -> notes.merge(id, new RecordNote(true, Optional.empty(), Optional.empty(), Optional.empty()),
        (stated, open) -> new RecordNote(true, stated.statement(), Optional.empty(), Optional.empty())));
    repairs.forEach((id, repair) -> notes.merge(id, new RecordNote(false, Optional.empty(), Optional.of(repair), Optional.empty()),
        (noted, repaired) -> new RecordNote(noted.disputed(), noted.statement(), Optional.of(repair), noted.provider())));
    providers.forEach((id, provider) -> notes.merge(id,
        new RecordNote(false, Optional.empty(), Optional.empty(), Optional.of(provider)),
        (noted, provided) -> new RecordNote(noted.disputed(), noted.statement(), noted.repair(), Optional.of(provider))));
    return new RecordNotes(notes);
  }

  public Optional<RecordNote> of(UUID recordId) {
    return Optional.ofNullable(byRecord.get(recordId));
  }
}
