package org.consentgateway.policy;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consentgateway.records.CreditAccount;
import org.consentgateway.records.PublicRecord;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The display periods of {@code categories.yaml}. Negative information stays visible while it
 * goes on, and until {@code display-years} have passed since the day it ended; on the day after
 * the anniversary it is gone. (征信业管理条例 art. 16: kept 5 years from the end of the behaviour,
 * removed once that is exceeded, so the anniversary itself is still inside.)
 */
final class DisplayPeriods {

  static final String FILE = "categories.yaml";
  static final String UNLIMITED = "unlimited";
  private static final List<String> TOP = List.of("categories");
  /** The members of a category; its {@code repair} block is read by {@link RepairRules}. */
  static final List<String> KEYS = List.of("labels", "display-years", RepairRules.KEY);
  private static final List<String> LABELS = List.of("zh", "en");

  /** Years per category; absent = no limit. */
  private final Map<InformationCategory, Optional<Integer>> years;

  private DisplayPeriods(Map<InformationCategory, Optional<Integer>> years) {
    this.years = years;
  }

  static DisplayPeriods read(YamlDocument yaml) {
    Node root = yaml.root();
    Node categories = yaml.required(yaml.mapping(root, "the file", TOP), root, "categories", "the file");
    Map<InformationCategory, Optional<Integer>> years = new EnumMap<>(InformationCategory.class);
    for (NodeTuple entry : yaml.entries(categories, "categories")) {
      Node key = entry.getKeyNode();
      String name = yaml.scalar(key, "a category");
      InformationCategory category = InformationCategory.named(name).orElseThrow(() -> yaml.problem(key,
          "unknown category '" + name + "' (expected one of " + List.of(InformationCategory.values()) + ")"));
      if (years.containsKey(category)) {
        throw yaml.problem(key, "category " + category + " is defined twice");
      }
      years.put(category, period(yaml, category, entry.getValueNode()));
    }
    for (InformationCategory category : InformationCategory.values()) {
      if (!years.containsKey(category)) {
        throw yaml.problem(categories, "category " + category + " has no display period");
      }
    }
    return new DisplayPeriods(years);
  }

  private static Optional<Integer> period(YamlDocument yaml, InformationCategory category, Node node) {
    String what = "category " + category;
    Map<String, Node> members = yaml.mapping(node, what, KEYS);
    Node labels = yaml.required(members, node, "labels", what);
    Map<String, Node> label = yaml.mapping(labels, "labels of " + what, LABELS);
    yaml.scalar(yaml.required(label, labels, "zh", "labels of " + what), "zh");
    yaml.scalar(yaml.required(label, labels, "en", "labels of " + what), "en");
    Node yearsNode = yaml.required(members, node, "display-years", what);
    if (UNLIMITED.equals(yaml.scalar(yearsNode, "display-years"))) {
      if (category.negative()) {
        throw yaml.problem(yearsNode, "negative information (" + category + ") must have a display period in years");
      }
      return Optional.empty();
    }
    if (!category.negative()) {
      // A positive account has no end of negative behaviour to count from.
      throw yaml.problem(yearsNode, "positive information (" + category + ") is shown without limit: use 'unlimited'");
    }
    return Optional.of(yaml.positiveInteger(members, node, "display-years", what));
  }

  Optional<Integer> years(InformationCategory category) {
    return years.get(category);
  }

  /** An ongoing negative episode (no end date) is always shown. */
  boolean shown(CreditAccount account, LocalDate today) {
    Optional<LocalDate> endedOn = account.negativeEndedOn();
    return endedOn.isEmpty() || shown(InformationCategory.of(account), endedOn.get(), today);
  }

  boolean shown(PublicRecord record, LocalDate today) {
    Optional<LocalDate> endedOn = record.endedOn();
    return endedOn.isEmpty() || shown(InformationCategory.of(record), endedOn.get(), today);
  }

  /** Shown until its category's display period, counted from {@code endedOn}, has passed; always when the category has none. */
  private boolean shown(InformationCategory category, LocalDate endedOn, LocalDate today) {
    Optional<Integer> limit = years.get(category);
    return limit.isEmpty() || !today.isAfter(endedOn.plusYears(limit.get()));
  }
}
