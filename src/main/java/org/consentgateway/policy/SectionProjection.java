package org.consentgateway.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.consentgateway.records.RecordNote;
import org.consentgateway.records.RecordNotes;
import org.consentgateway.records.RecordRepair;

/** The compiled writers of one section, in field order, with the paths they disclose. */
final class SectionProjection<S> {

  static final String DISPUTED = "disputed";
  static final String STATEMENT = "statement";
  static final String REPAIRED = "repaired";
  static final String REPAIRED_AT = "repairedAt";
  static final String REPAIR_OUTCOME = "repairOutcome";
  static final String PROVIDER = "provider";

  private final String key;
  private final List<FieldWriter<S>> writers;
  private final List<String> paths;

  SectionProjection(String key, List<FieldWriter<S>> writers, List<String> paths) {
    if (writers.size() != paths.size()) {
      throw new IllegalArgumentException("one path per writer");
    }
    this.key = key;
    this.writers = List.copyOf(writers);
    this.paths = List.copyOf(paths);
  }

  /** A section no rule reaches is left out of the report altogether. */
  boolean isEmpty() {
    return writers.isEmpty();
  }

  List<String> paths() {
    return paths;
  }

  void writeObject(S source, ObjectNode report, List<String> disclosed) {
    if (isEmpty()) {
      return;
    }
    ObjectNode section = report.putObject(key);
    for (int i = 0; i < writers.size(); i++) {
      if (writers.get(i).write(source, section)) {
        disclosed.add(paths.get(i));
      }
    }
  }

  /**
   * A path is disclosed when at least one element carries it; an empty list discloses none. Each
   * element also carries the subject's note on that record, whatever the grade: {@code "disputed":
   * true} while a dispute is open, and their {@code "statement"}; an approved repair ({@code
   * "repaired": true}, {@code "repairedAt"}, {@code "repairOutcome"}); and in the subject's own
   * report the record's data {@code "provider"}. None is a policy field: the law puts them next to
   * the record wherever the record is shown.
   */
  void writeArray(List<S> sources, Function<S, UUID> ids, RecordNotes notes, ObjectNode report, List<String> disclosed) {
    if (isEmpty()) {
      return;
    }
    ArrayNode section = report.putArray(key);
    boolean[] seen = new boolean[writers.size()];
    boolean disputed = false;
    boolean stated = false;
    boolean repaired = false;
    boolean provided = false;
    for (S source : sources) {
      ObjectNode element = section.addObject();
      for (int i = 0; i < writers.size(); i++) {
        seen[i] |= writers.get(i).write(source, element);
      }
      Optional<RecordNote> note = notes.of(ids.apply(source));
      if (note.isPresent() && note.get().disputed()) {
        element.put(DISPUTED, true);
        disputed = true;
      }
      Optional<String> statement = note.flatMap(RecordNote::statement);
      if (statement.isPresent()) {
        element.put(STATEMENT, statement.get());
        stated = true;
      }
      Optional<RecordRepair> repair = note.flatMap(RecordNote::repair);
      if (repair.isPresent()) {
        element.put(REPAIRED, true).put(REPAIRED_AT, repair.get().repairedAt().toString())
            .put(REPAIR_OUTCOME, repair.get().outcome().name());
        repaired = true;
      }
      Optional<String> provider = note.flatMap(RecordNote::provider);
      if (provider.isPresent()) {
        element.put(PROVIDER, provider.get());
        provided = true;
      }
    }
    for (int i = 0; i < seen.length; i++) {
      if (seen[i]) {
        disclosed.add(paths.get(i));
      }
    }
    if (disputed) {
      disclosed.add(key + "[]." + DISPUTED);
    }
    if (stated) {
      disclosed.add(key + "[]." + STATEMENT);
    }
    if (repaired) {
      disclosed.add(key + "[]." + REPAIRED);
      disclosed.add(key + "[]." + REPAIRED_AT);
      disclosed.add(key + "[]." + REPAIR_OUTCOME);
    }
    if (provided) {
      disclosed.add(key + "[]." + PROVIDER);
    }
  }
}
