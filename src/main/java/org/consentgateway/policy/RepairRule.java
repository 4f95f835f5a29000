package org.consentgateway.policy;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.Period;
import org.consentgateway.records.RepairOutcome;

/**
 * The credit-repair rule of one public-record category ({@code categories.yaml}, its {@code
 * repair:} block), for a category where repair is possible.
 *
 * @param earliestAfter how long after the behaviour ended (the record's {@code endedOn}) one may apply
 * @param evidenceZh what evidence is expected, in Chinese, as the citizen is told
 * @param evidenceEn the same in English
 * @param maxAttachmentBytes the most the attachments of one application may hold together, decoded
 * @param outcome what an approved repair does for institutions
 */
public record RepairRule(
    InformationCategory category, Period earliestAfter, String evidenceZh, String evidenceEn, int maxAttachmentBytes,
    RepairOutcome outcome) {

  public RepairRule {
    requireNonNull(category, "category is null");
    requireNonNull(earliestAfter, "earliestAfter is null");
    requireNonNull(evidenceZh, "evidenceZh is null");
    requireNonNull(evidenceEn, "evidenceEn is null");
    requireNonNull(outcome, "outcome is null");
    if (earliestAfter.isNegative()) {
      throw new IllegalArgumentException("earliestAfter is negative");
    }
    if (maxAttachmentBytes < 0) {
      throw new IllegalArgumentException("maxAttachmentBytes is negative");
    }
  }

  /** The first day one may apply to repair a record whose behaviour ended on {@code endedOn}. */
  public LocalDate possibleFrom(LocalDate endedOn) {
    return endedOn.plus(earliestAfter);
  }
}
