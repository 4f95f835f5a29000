package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One axe-core rule that a page breaks: the rule's id ({@code image-alt}), its impact
 * ({@code minor}, {@code moderate}, {@code serious} or {@code critical}), what it asks for, and
 * the CSS selectors of the elements that break it.
 */
public record AxeViolation(String rule, String impact, String help, String helpUrl, List<String> targets) {

  public AxeViolation {
    requireNonNull(rule, "rule is null");
    requireNonNull(impact, "impact is null");
    requireNonNull(help, "help is null");
    requireNonNull(helpUrl, "helpUrl is null");
    targets = List.copyOf(targets);
  }

  /** The impacts a page may not have (issue 11: no serious or critical violation on any page). */
  public boolean blocking() {
    return impact.equals("serious") || impact.equals("critical");
  }

  /** One line for a failure message: {@code image-alt (critical): Images must have alternative text; at img#logo}. */
  public String describe() {
    return rule + " (" + impact + "): " + help + "; at " + String.join(", ", targets) + " — " + helpUrl;
  }
}
