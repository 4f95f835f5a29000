package org.consentgateway.policy;

import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.consentgateway.records.RepairOutcome;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The {@code repair:} blocks of {@code categories.yaml}: per public-record category, whether a
 * negative record may be repaired (信用修复) before its display period ends, from when, on what
 * evidence, and with what outcome. A category without a block allows no repair; an account
 * category may not allow one (a credit account is corrected through a dispute, not repaired).
 * Read after {@link DisplayPeriods}, which has checked the categories themselves.
 */
final class RepairRules {

  static final String KEY = "repair";
  /** The largest attachment allowance a category may set: what one request can carry. */
  static final int MAX_ATTACHMENT_BYTES = 4 * 1024 * 1024;
  private static final List<String> KEYS = List.of("possible", "earliest-after", "evidence", "max-attachment-bytes", "outcome");
  private static final List<String> LANGUAGES = List.of("zh", "en");

  private final Map<InformationCategory, RepairRule> rules;

  private RepairRules(Map<InformationCategory, RepairRule> rules) {
    this.rules = rules;
  }

  static RepairRules read(YamlDocument yaml) {
    Node categories = yaml.mapping(yaml.root(), "the file", List.of("categories")).get("categories");
    Map<InformationCategory, RepairRule> rules = new EnumMap<>(InformationCategory.class);
    for (NodeTuple entry : yaml.entries(categories, "categories")) {
      InformationCategory category = InformationCategory.named(yaml.scalar(entry.getKeyNode(), "a category")).orElseThrow();
      Map<String, Node> members = yaml.mapping(entry.getValueNode(), "category " + category, DisplayPeriods.KEYS);
      Node block = members.get(KEY);
      if (block != null) {
        rule(yaml, category, block).ifPresent(rule -> rules.put(category, rule));
      }
    }
    return new RepairRules(rules);
  }

  private static Optional<RepairRule> rule(YamlDocument yaml, InformationCategory category, Node block) {
    String what = "the repair of " + category;
    Map<String, Node> members = yaml.mapping(block, what, KEYS);
    if (!yaml.bool(members, block, "possible", what)) {
      if (members.size() > 1) {
        throw yaml.problem(block, what + " is not possible: give only 'possible: false'");
      }
      return Optional.empty();
    }
    if (!category.publicRecord()) {
      throw yaml.problem(block, "repair applies to public records only, not to " + category);
    }
    Node periodNode = yaml.required(members, block, "earliest-after", what);
    Period earliest;
    try {
      earliest = Period.parse(yaml.scalar(periodNode, "earliest-after"));
    } catch (DateTimeParseException e) {
      throw yaml.problem(periodNode, "earliest-after must be an ISO-8601 period such as P3M or P1Y");
    }
    if (earliest.isNegative()) {
      throw yaml.problem(periodNode, "earliest-after must not be negative");
    }
    Node evidence = yaml.required(members, block, "evidence", what);
    Map<String, Node> texts = yaml.mapping(evidence, "evidence of " + what, LANGUAGES);
    String zh = yaml.scalar(yaml.required(texts, evidence, "zh", "evidence of " + what), "zh");
    String en = yaml.scalar(yaml.required(texts, evidence, "en", "evidence of " + what), "en");
    int bytes = yaml.positiveInteger(members, block, "max-attachment-bytes", what);
    if (bytes > MAX_ATTACHMENT_BYTES) {
      throw yaml.problem(members.get("max-attachment-bytes"), "max-attachment-bytes must be at most " + MAX_ATTACHMENT_BYTES);
    }
    Node outcomeNode = yaml.required(members, block, "outcome", what);
    String outcome = yaml.scalar(outcomeNode, "outcome");
    RepairOutcome parsed = switch (outcome) {
      case "hidden" -> RepairOutcome.HIDDEN;
      case "annotated" -> RepairOutcome.ANNOTATED;
      default -> throw yaml.problem(outcomeNode, "outcome must be hidden or annotated, not '" + outcome.toLowerCase(Locale.ROOT) + "'");
    };
    return Optional.of(new RepairRule(category, earliest, zh, en, bytes, parsed));
  }

  /** The rule of {@code category}; empty when it allows no repair. */
  Optional<RepairRule> of(InformationCategory category) {
    return Optional.ofNullable(rules.get(category));
  }
}
