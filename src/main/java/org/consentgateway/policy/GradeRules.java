package org.consentgateway.policy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The field rules of {@code grades.yaml}. Each grade lists only what it ADDS to (or changes in)
 * the grade below; {@link #effective(Grade)} folds them into the rules one grade sees, the grade's
 * own rule winning over a lower grade's rule for the same field (first match wins, searching
 * from the grade down). A field no grade names stays undisclosed.
 */
final class GradeRules {

  static final String FILE = "grades.yaml";
  private static final List<String> TOP = List.of("grades");
  private static final List<String> GRADE_KEYS = List.of("sensitive", "fields");

  private final Map<Grade, Map<Field, FieldAction>> own;
  private final Map<Grade, Boolean> sensitive;

  private GradeRules(Map<Grade, Map<Field, FieldAction>> own, Map<Grade, Boolean> sensitive) {
    this.own = own;
    this.sensitive = sensitive;
  }

  static GradeRules read(YamlDocument yaml) {
    Node root = yaml.root();
    Node grades = yaml.required(yaml.mapping(root, "the file", TOP), root, "grades", "the file");
    Map<Grade, Map<Field, FieldAction>> own = new EnumMap<>(Grade.class);
    Map<Grade, Boolean> sensitive = new EnumMap<>(Grade.class);
    for (NodeTuple entry : yaml.entries(grades, "grades")) {
      Node key = entry.getKeyNode();
      String name = yaml.scalar(key, "a grade");
      Grade grade = Grade.named(name)
          .orElseThrow(() -> yaml.problem(key, "unknown grade '" + name + "' (expected one of BASIC, SUMMARY, DETAIL)"));
      if (own.containsKey(grade)) {
        throw yaml.problem(key, "grade " + grade + " is defined twice");
      }
      Map<String, Node> members = yaml.mapping(entry.getValueNode(), "grade " + grade, GRADE_KEYS);
      sensitive.put(grade, members.containsKey("sensitive") && yaml.bool(members, entry.getValueNode(), "sensitive", "grade " + grade));
      own.put(grade, rules(yaml, grade, yaml.required(members, entry.getValueNode(), "fields", "grade " + grade)));
    }
    for (Grade grade : Grade.values()) {
      if (!own.containsKey(grade)) {
        throw yaml.problem(grades, "grade " + grade + " is not defined (list its fields, or 'fields: {}')");
      }
    }
    return new GradeRules(own, sensitive);
  }

  private static Map<Field, FieldAction> rules(YamlDocument yaml, Grade grade, Node fields) {
    Map<Field, FieldAction> rules = new EnumMap<>(Field.class);
    for (NodeTuple rule : yaml.entries(fields, "fields of grade " + grade)) {
      Node pathNode = rule.getKeyNode();
      String path = yaml.scalar(pathNode, "a field path");
      Field field = Field.byPath(path)
          .orElseThrow(() -> yaml.problem(pathNode, "unknown field path '" + path + "' in grade " + grade));
      Node actionNode = rule.getValueNode();
      String actionName = yaml.scalar(actionNode, "the action of " + path);
      FieldAction action = FieldAction.named(actionName).orElseThrow(() -> yaml.problem(actionNode,
          "unknown action '" + actionName + "' for " + path + " (expected one of " + List.of(FieldAction.values()) + ")"));
      if (!field.kind().accepts(action)) {
        throw yaml.problem(actionNode, "action " + action + " does not apply to " + path
            + " (expected one of " + field.kind().actions() + ")");
      }
      if (rules.put(field, action) != null) {
        throw yaml.problem(pathNode, "duplicate rule for " + path + " in grade " + grade);
      }
    }
    return Collections.unmodifiableMap(rules);
  }

  /**
   * The rules in force at {@code grade}, in {@link Field} order: its own, then those of each grade
   * below that it has not overridden. {@code OMIT} rules are kept here; compiling drops them.
   */
  Map<Field, FieldAction> effective(Grade grade) {
    Map<Field, FieldAction> rules = new EnumMap<>(Field.class);
    for (int level = grade.ordinal(); level >= 0; level--) {
      own.get(Grade.values()[level]).forEach(rules::putIfAbsent);
    }
    return new LinkedHashMap<>(rules);
  }

  /** Whether consenting to {@code grade} discloses sensitive information: it or a grade it includes is marked so. */
  boolean sensitive(Grade grade) {
    for (int level = grade.ordinal(); level >= 0; level--) {
      if (sensitive.get(Grade.values()[level])) {
        return true;
      }
    }
    return false;
  }
}
