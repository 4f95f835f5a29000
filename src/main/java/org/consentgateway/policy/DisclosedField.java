package org.consentgateway.policy;

import static java.util.Objects.requireNonNull;

/**
 * One field a grade discloses, and how: as held ({@link FieldAction#ALLOW}) or masked. This is what
 * a citizen is shown before consenting, so the list they read is the plan that will run.
 *
 * @param path the field's path as {@code grades.yaml} names it, e.g. {@code accounts[].lender}
 * @param action how the field is disclosed; never {@link FieldAction#OMIT}, which discloses nothing
 */
public record DisclosedField(String path, FieldAction action) {

  public DisclosedField {
    requireNonNull(path, "path is null");
    requireNonNull(action, "action is null");
    if (action == FieldAction.OMIT) {
      throw new IllegalArgumentException("an omitted field is not disclosed: " + path);
    }
  }

  /** Whether the institution receives less than the value as held: masked, cut to a city, or banded. */
  public boolean masked() {
    return switch (action) {
      case ALLOW -> false;
      case MASK_NAME, MASK_ID_NUMBER, MASK_PHONE, TO_CITY, BAND -> true;
      case OMIT -> throw new IllegalStateException("an omitted field is not disclosed");
    };
  }
}
