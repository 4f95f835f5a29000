package org.consentgateway.repair;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.policy.InformationCategory;
import org.consentgateway.policy.PolicyBundle;
import org.consentgateway.policy.RepairRule;
import org.consentgateway.records.PublicRecord;

/**
 * Whether a record may be repaired today, and if not why: the one place that rule lives, for an
 * application (which is refused with the verdict's code) and for the pages that offer one.
 *
 * @param rule the category's repair rule, when it has one
 * @param possibleFrom the first day one may apply, once the matter has ended
 */
public record Eligibility(Verdict verdict, Optional<RepairRule> rule, Optional<LocalDate> possibleFrom) {

  /** Checked in this order: the first that holds is the verdict. */
  public enum Verdict {
    /** An account, or a public record whose category allows no repair. */
    NOT_ALLOWED,
    /** Repaired already. */
    REPAIRED,
    /** The matter has not ended, or the earliest day has not come. */
    TOO_EARLY,
    POSSIBLE
  }

  public Eligibility {
    requireNonNull(verdict, "verdict is null");
    requireNonNull(rule, "rule is null");
    requireNonNull(possibleFrom, "possibleFrom is null");
  }

  /** An account: never repaired. */
  static Eligibility account() {
    return new Eligibility(Verdict.NOT_ALLOWED, Optional.empty(), Optional.empty());
  }

  /** A public record, {@code repaired} already or not, on {@code today}. */
  public static Eligibility of(PublicRecord record, boolean repaired, PolicyBundle policies, LocalDate today) {
    Optional<RepairRule> rule = policies.repairRule(InformationCategory.of(record));
    if (rule.isEmpty()) {
      return new Eligibility(Verdict.NOT_ALLOWED, rule, Optional.empty());
    }
    Optional<LocalDate> from = record.endedOn().map(ended -> rule.get().possibleFrom(ended));
    if (repaired) {
      return new Eligibility(Verdict.REPAIRED, rule, from);
    }
    boolean early = from.map(day -> today.isBefore(day)).orElse(true);
    return new Eligibility(early ? Verdict.TOO_EARLY : Verdict.POSSIBLE, rule, from);
  }

  /** The rule to apply under, or the refusal an application gets. */
  RepairRule ruleOrRefusal() {
    return switch (verdict) {
      case NOT_ALLOWED -> throw new ProblemException(ErrorCode.REPAIR_NOT_ALLOWED,
          "This record cannot be repaired: its category allows no repair (a wrong credit account is disputed instead).");
      case REPAIRED -> throw new ProblemException(ErrorCode.REPAIR_NOT_ALLOWED, "This record is already repaired.");
      case TOO_EARLY -> throw possibleFrom
          .map(day -> new ProblemException(ErrorCode.REPAIR_TOO_EARLY, "Too early: repair of this record is possible from " + day + ".",
              Map.of("possibleFrom", day.toString())))
          .orElseGet(() -> new ProblemException(ErrorCode.REPAIR_TOO_EARLY, "The matter has not ended yet: repair is possible "
              + rule.orElseThrow().earliestAfter() + " after it ends."));
      case POSSIBLE -> rule.orElseThrow();
    };
  }
}
