package org.consentgateway.complaint;

import java.util.Locale;
import java.util.Optional;

/** Why the citizen complains about a query in their inquiry history; {@link #code()} is the wire form. */
public enum ComplaintReason {
  /** The citizen never authorised the query. */
  NOT_AUTHORISED,
  /** The data was used beyond the purpose the citizen agreed to. */
  BEYOND_PURPOSE,
  /** More was read than the grade the citizen agreed to. */
  BEYOND_GRADE,
  /** Anything else; the citizen's text says what. */
  OTHER;

  /** The snake_case code: {@code not_authorised}, {@code beyond_purpose}, {@code beyond_grade}, {@code other}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The reason whose {@link #code()} is {@code code}; empty for any other text. */
  public static Optional<ComplaintReason> fromCode(String code) {
    for (ComplaintReason reason : values()) {
      if (reason.code().equals(code)) {
        return Optional.of(reason);
      }
    }
    return Optional.empty();
  }
}
