package org.consentgateway.policy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.consentgateway.records.CreditAccount;
import org.consentgateway.records.CreditFile;
import org.consentgateway.records.PublicRecord;
import org.consentgateway.records.RecordNote;
import org.consentgateway.records.RecordNotes;
import org.consentgateway.records.SubjectIdentity;

/**
 * The field rules of one grade, compiled once at load into ready writers per section. Applying it
 * reads no rules and looks nothing up: it filters the records, computes the summary if the plan
 * shows one, and runs the writers. Immutable and safe to share between threads.
 */
public final class ProjectionPlan {

  private final DisplayPeriods periods;
  private final boolean sensitive;
  private final SectionProjection<SubjectIdentity> subject;
  private final SectionProjection<CreditSummary> summary;
  private final SectionProjection<CreditAccount> accounts;
  private final SectionProjection<PublicRecord> publicRecords;
  private final List<DisclosedField> fields;

  private ProjectionPlan(Map<Field, FieldAction> rules, DisplayPeriods periods, boolean sensitive) {
    this.periods = periods;
    this.sensitive = sensitive;
    this.fields = Stream.of(Field.values()) // Field order is report order, whatever the file's order
        .filter(field -> rules.get(field) != null && rules.get(field) != FieldAction.OMIT)
        .map(field -> new DisclosedField(field.path(), rules.get(field)))
        .toList();
    this.subject = section(rules, Section.SUBJECT, FieldWriters::subject);
    this.summary = section(rules, Section.SUMMARY, FieldWriters::summary);
    this.accounts = section(rules, Section.ACCOUNTS, FieldWriters::account);
    this.publicRecords = section(rules, Section.PUBLIC_RECORDS, FieldWriters::publicRecord);
  }

  /** Compiles {@code rules} (field → action); OMIT rules and fields without a rule disclose nothing. */
  static ProjectionPlan compile(Map<Field, FieldAction> rules, DisplayPeriods periods, boolean sensitive) {
    return new ProjectionPlan(rules, requireNonNull(periods, "periods is null"), sensitive);
  }

  private static <S> SectionProjection<S> section(
      Map<Field, FieldAction> rules, Section section, BiFunction<Field, FieldAction, FieldWriter<S>> compile) {
    List<FieldWriter<S>> writers = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (Field field : Field.values()) { // Field order is report order, whatever the file's order
      FieldAction action = rules.get(field);
      if (field.section() != section || action == null || action == FieldAction.OMIT) {
        continue;
      }
      if (!field.kind().accepts(action)) {
        throw new IllegalArgumentException(action + " does not apply to " + field.path());
      }
      writers.add(compile.apply(field, action));
      paths.add(field.path());
    }
    return new SectionProjection<>(section.key(), writers, paths);
  }

  /**
   * Projects {@code file} for an institution: drops records outside the data window (see
   * {@link DataWindow}), negative records past their display period and public records an
   * approved repair hides, computes the summary over
   * what remains, then writes the permitted fields, masked as the plan says.
   *
   * @param today the day of the query, in the gateway's time zone
   * @param dataWindowMonths the consent's data window, at least 1
   */
  public Disclosure apply(CreditFile file, RecordNotes notes, LocalDate today, int dataWindowMonths) {
    requireNonNull(file, "file is null");
    requireNonNull(notes, "notes is null");
    DataWindow window = DataWindow.of(today, dataWindowMonths);
    List<CreditAccount> shownAccounts = file.accounts().stream()
        .filter(account -> window.covers(account) && periods.shown(account, today))
        .toList();
    // A record whose approved repair hides it is gone for institutions, as if its display period had ended.
    List<PublicRecord> shownRecords = file.publicRecords().stream()
        .filter(record -> window.covers(record) && periods.shown(record, today)
            && !notes.of(record.id()).map(RecordNote::hiddenByRepair).orElse(false))
        .toList();
    return write(file.identity(), shownAccounts, shownRecords, notes);
  }

  /** {@link #apply(CreditFile, RecordNotes, LocalDate, int)} for a file whose records carry no note. */
  public Disclosure apply(CreditFile file, LocalDate today, int dataWindowMonths) {
    return apply(file, RecordNotes.NONE, today, dataWindowMonths);
  }

  /** Writes every record as given, without window or display period: the citizen's own report. */
  Disclosure applyUnfiltered(CreditFile file, RecordNotes notes) {
    requireNonNull(file, "file is null");
    requireNonNull(notes, "notes is null");
    return write(file.identity(), file.accounts(), file.publicRecords(), notes);
  }

  private Disclosure write(SubjectIdentity identity, List<CreditAccount> shownAccounts, List<PublicRecord> shownRecords,
      RecordNotes notes) {
    ObjectNode report = JsonNodeFactory.instance.objectNode();
    List<String> disclosed = new ArrayList<>();
    subject.writeObject(identity, report, disclosed);
    if (!summary.isEmpty()) {
      summary.writeObject(CreditSummary.of(shownAccounts, shownRecords), report, disclosed);
    }
    accounts.writeArray(shownAccounts, CreditAccount::id, notes, report, disclosed);
    publicRecords.writeArray(shownRecords, PublicRecord::id, notes, report, disclosed);
    return new Disclosure(report, disclosed);
  }

  /** Every field path this plan can disclose, in report order; a projection discloses a subset. */
  public List<String> fieldPaths() {
    return Stream.of(subject.paths(), summary.paths(), accounts.paths(), publicRecords.paths())
        .flatMap(List::stream)
        .toList();
  }

  /**
   * Every field this plan can disclose with the action that writes it, in report order: the same
   * fields as {@link #fieldPaths()}, for telling a citizen which are masked.
   */
  public List<DisclosedField> fields() {
    return fields;
  }

  /**
   * Whether the plan discloses information marked sensitive in {@code grades.yaml}: approving a
   * consent at this grade needs the citizen's separate, explicit confirmation.
   */
  public boolean sensitive() {
    return sensitive;
  }
}
