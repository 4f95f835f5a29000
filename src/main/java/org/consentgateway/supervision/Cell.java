package org.consentgateway.supervision;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * One statistics cell: a day (Asia/Shanghai) and an institution × purpose × grade. An absent
 * dimension is the empty string, as stored.
 */
record Cell(LocalDate day, String institution, String purpose, String grade) {

  Cell {
    requireNonNull(day, "day is null");
    requireNonNull(institution, "institution is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(grade, "grade is null");
  }
}
