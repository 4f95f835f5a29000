package org.consentgateway.policy;

import java.util.Arrays;
import java.util.Optional;

/** Grades of access, each including the one below: BASIC &lt; SUMMARY &lt; DETAIL. */
public enum Grade {
  BASIC,
  SUMMARY,
  DETAIL;

  /** Whether this grade grants at least what {@code other} grants. */
  public boolean includes(Grade other) {
    return compareTo(other) >= 0;
  }

  public static Optional<Grade> named(String name) {
    return Arrays.stream(values()).filter(grade -> grade.name().equals(name)).findFirst();
  }
}
