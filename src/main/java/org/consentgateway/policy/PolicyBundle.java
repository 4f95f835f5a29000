package org.consentgateway.policy;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consentgateway.records.CreditFile;
import org.consentgateway.records.RecordNotes;

/**
 * The policies of one folder, validated and compiled: purposes, one {@link ProjectionPlan} per
 * grade, display periods, and the {@link #version()} that names exactly this bundle in query
 * answers and audit entries. Loading blocks (file reads): start-up only. The result is immutable
 * and safe to share across event loops.
 */
public final class PolicyBundle {

  /** The files of a bundle, in the order they are hashed into {@link #version()}. */
  public static final List<String> FILES = List.of(PurposeCatalog.FILE, GradeRules.FILE, DisplayPeriods.FILE);

  private final String version;
  private final PurposeCatalog purposes;
  private final DisplayPeriods periods;
  private final RepairRules repairs;
  private final Map<Grade, ProjectionPlan> plans;
  private final ProjectionPlan everything;

  private PolicyBundle(String version, PurposeCatalog purposes, GradeRules grades, DisplayPeriods periods, RepairRules repairs) {
    this.version = version;
    this.purposes = purposes;
    this.periods = periods;
    this.repairs = repairs;
    Map<Grade, ProjectionPlan> compiled = new EnumMap<>(Grade.class);
    for (Grade grade : Grade.values()) {
      compiled.put(grade, ProjectionPlan.compile(grades.effective(grade), periods, grades.sensitive(grade)));
    }
    this.plans = compiled;
    Map<Field, FieldAction> all = new LinkedHashMap<>();
    for (Field field : Field.values()) {
      all.put(field, FieldAction.ALLOW);
    }
    this.everything = ProjectionPlan.compile(all, periods, false);
  }

  /** Reads and validates {@link #FILES} in {@code dir}; the first problem stops it as {@code file:line: problem}. */
  public static PolicyBundle load(Path dir) {
    requireNonNull(dir, "dir is null");
    Map<String, byte[]> contents = new LinkedHashMap<>();
    for (String name : FILES) {
      contents.put(name, read(dir.resolve(name)));
    }
    PurposeCatalog purposes = PurposeCatalog.read(document(dir, PurposeCatalog.FILE, contents));
    GradeRules grades = GradeRules.read(document(dir, GradeRules.FILE, contents));
    DisplayPeriods periods = DisplayPeriods.read(document(dir, DisplayPeriods.FILE, contents));
    RepairRules repairs = RepairRules.read(document(dir, DisplayPeriods.FILE, contents));
    return new PolicyBundle(version(contents), purposes, grades, periods, repairs);
  }

  private static YamlDocument document(Path dir, String name, Map<String, byte[]> contents) {
    return YamlDocument.of(dir.resolve(name), contents.get(name));
  }

  private static byte[] read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new PolicyException(file + ": missing (the policies folder must hold " + FILES + ")");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new PolicyException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * SHA-256 over, for each file in {@link #FILES} order: its name in UTF-8, a 0x00 byte, its length
   * as 8 bytes big-endian, its bytes. The lengths make the encoding unambiguous; the bytes are
   * those parsed, so the version names exactly the rules that decided.
   */
  static String version(Map<String, byte[]> contents) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      for (String name : FILES) {
        byte[] content = contents.get(name);
        sha256.update(name.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(content.length).array());
        sha256.update(content);
      }
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Lower-case hex SHA-256 of the bundle: the {@code policyVersion} of answers and audit entries. */
  public String version() {
    return version;
  }

  public PurposeCatalog purposes() {
    return purposes;
  }

  /** The plan compiled at load for {@code grade}; the same instance on every call. */
  public ProjectionPlan plan(Grade grade) {
    return plans.get(requireNonNull(grade, "grade is null"));
  }

  /** A projection of a file whose records carry no note (no dispute, no statement). */
  public Disclosure project(CreditFile file, Grade grade, LocalDate today, int dataWindowMonths) {
    return project(file, RecordNotes.NONE, grade, today, dataWindowMonths);
  }

  /** Shorthand for {@code plan(grade).apply(file, notes, today, dataWindowMonths)}. */
  public Disclosure project(CreditFile file, RecordNotes notes, Grade grade, LocalDate today, int dataWindowMonths) {
    return plan(grade).apply(file, notes, today, dataWindowMonths);
  }

  /**
   * The citizen's own report: every field, unmasked, and every record, including those outside
   * any data window and negative ones past their display period. The subject is entitled to see
   * everything held about them (that is how they can dispute it), so nothing is filtered here.
   */
  public Disclosure fullReport(CreditFile file) {
    return fullReport(file, RecordNotes.NONE);
  }

  /** The citizen's own report, each record with the citizen's own note on it. */
  public Disclosure fullReport(CreditFile file, RecordNotes notes) {
    return everything.applyUnfiltered(file, notes);
  }

  /** The credit-repair rule of a category ({@code categories.yaml}); empty when it allows no repair. */
  public Optional<RepairRule> repairRule(InformationCategory category) {
    return repairs.of(requireNonNull(category, "category is null"));
  }

  /** The display period of a category in years; empty means shown without limit. */
  public Optional<Integer> displayYears(InformationCategory category) {
    return periods.years(requireNonNull(category, "category is null"));
  }
}
