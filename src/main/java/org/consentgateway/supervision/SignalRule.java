package org.consentgateway.supervision;

/** The rules that raise a {@link Signal}, by their wire names (docs/api.md "Signals"). */
public enum SignalRule {
  REFUSAL_RATE("refusal_rate"),
  MANY_SUBJECTS("many_subjects"),
  PURPOSE_SHIFT("purpose_shift"),
  UNUSUAL_HOURS("unusual_hours"),
  FAST_CONSENT_USE("fast_consent_use"),
  OVERDUE_DISPUTES("overdue_disputes"),
  UPHELD_COMPLAINTS("upheld_complaints");

  private final String wireName;

  SignalRule(String wireName) {
    this.wireName = wireName;
  }

  /** The name in answers and in message keys ({@code console.signals.rule.<wireName>}). */
  public String wireName() {
    return wireName;
  }
}
