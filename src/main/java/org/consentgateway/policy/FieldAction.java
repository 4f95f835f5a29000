package org.consentgateway.policy;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a grade does with one field: the closed set of STYLE habit 7. A field no rule names is not
 * returned at all (default deny); {@link #OMIT} says the same explicitly, and lets a higher grade
 * withdraw a field a lower one shows.
 */
public enum FieldAction {
  ALLOW,
  MASK_NAME,
  MASK_ID_NUMBER,
  MASK_PHONE,
  TO_CITY,
  BAND,
  OMIT;

  public static Optional<FieldAction> named(String name) {
    return Arrays.stream(values()).filter(action -> action.name().equals(name)).findFirst();
  }
}
