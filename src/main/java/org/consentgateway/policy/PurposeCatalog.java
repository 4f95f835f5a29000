package org.consentgateway.policy;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** The purposes of {@code purposes.yaml}, validated; immutable once loaded. */
public final class PurposeCatalog {

  public static final String FILE = "purposes.yaml";
  private static final List<String> TOP = List.of("purposes");
  private static final List<String> FIELDS = List.of("code", "labels", "max-grade", "max-validity-days", "max-uses",
      "uses-per-day", "uses-per-month", "max-data-window-months", "one-time");
  private static final List<String> LABELS = List.of("zh", "en");

  private final Map<String, Purpose> purposes;

  private PurposeCatalog(Map<String, Purpose> purposes) {
    this.purposes = Map.copyOf(purposes);
  }

  /** Reads {@code <dir>/purposes.yaml}. Blocking; start-up only. */
  public static PurposeCatalog load(Path policiesDir) {
    requireNonNull(policiesDir, "policiesDir is null");
    Path file = policiesDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new PolicyException(file + ": missing (the policies folder must hold " + FILE + ")");
    }
    return read(YamlDocument.of(file));
  }

  /** Validates an already located document; {@link PolicyBundle} hands in the bytes it hashed. */
  static PurposeCatalog read(YamlDocument yaml) {
    Node root = yaml.root();
    Node list = yaml.required(yaml.mapping(root, "the file", TOP), root, "purposes", "the file");
    Map<String, Purpose> purposes = new LinkedHashMap<>();
    for (Node entry : yaml.sequence(list, "purposes")) {
      Purpose purpose = purpose(yaml, entry);
      if (purposes.put(purpose.code(), purpose) != null) {
        throw yaml.problem(entry, "purpose " + purpose.code() + " is defined twice");
      }
    }
    if (purposes.isEmpty()) {
      throw yaml.problem(list, "no purposes are defined");
    }
    return new PurposeCatalog(purposes);
  }

  public Optional<Purpose> find(String code) {
    return Optional.ofNullable(purposes.get(code));
  }

  public List<Purpose> all() {
    return purposes.values().stream().sorted((a, b) -> a.code().compareTo(b.code())).toList();
  }

  private static Purpose purpose(YamlDocument yaml, Node entry) {
    Map<String, Node> fields = yaml.mapping(entry, "a purpose", FIELDS);
    String code = yaml.scalar(yaml.required(fields, entry, "code", "a purpose"), "code");
    String what = "purpose " + code;
    if (!Purpose.CODE.matcher(code).matches()) {
      throw yaml.problem(fields.get("code"), "purpose code '" + code + "' must be upper-case letters, digits and _");
    }
    Node labelsNode = yaml.required(fields, entry, "labels", what);
    Map<String, Node> labels = yaml.mapping(labelsNode, "labels of " + what, LABELS);
    Node gradeNode = yaml.required(fields, entry, "max-grade", what);
    Grade maxGrade = Grade.named(yaml.scalar(gradeNode, "max-grade"))
        .orElseThrow(() -> yaml.problem(gradeNode, "max-grade of " + what + " must be one of BASIC, SUMMARY, DETAIL"));
    int perDay = yaml.positiveInteger(fields, entry, "uses-per-day", what);
    int perMonth = yaml.positiveInteger(fields, entry, "uses-per-month", what);
    if (perDay > perMonth) {
      throw yaml.problem(fields.get("uses-per-day"), "uses-per-day of " + what + " exceeds its uses-per-month");
    }
    return new Purpose(code,
        yaml.scalar(yaml.required(labels, labelsNode, "zh", "labels of " + what), "zh"),
        yaml.scalar(yaml.required(labels, labelsNode, "en", "labels of " + what), "en"),
        maxGrade,
        yaml.positiveInteger(fields, entry, "max-validity-days", what),
        yaml.positiveInteger(fields, entry, "max-uses", what),
        perDay,
        perMonth,
        yaml.positiveInteger(fields, entry, "max-data-window-months", what),
        yaml.bool(fields, entry, "one-time", what));
  }
}
