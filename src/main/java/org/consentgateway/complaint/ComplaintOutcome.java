package org.consentgateway.complaint;

import java.util.Locale;
import java.util.Optional;

/** How a regulator resolves a complaint; {@link #code()} is the wire form and the audit entry's reason code. */
public enum ComplaintOutcome {
  /** The institution used the data wrongly: counted against it in the statistics. */
  UPHELD,
  /** The complaint is not borne out. */
  DISMISSED;

  /** {@code upheld} or {@code dismissed}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The outcome whose {@link #code()} is {@code code}; empty for any other text. */
  public static Optional<ComplaintOutcome> fromCode(String code) {
    for (ComplaintOutcome outcome : values()) {
      if (outcome.code().equals(code)) {
        return Optional.of(outcome);
      }
    }
    return Optional.empty();
  }
}
