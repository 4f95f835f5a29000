package org.consentgateway.records;

import java.time.Duration;
import java.util.List;

/**
 * What an import did.
 *
 * @param linesRead non-blank lines read
 * @param subjectsImported subjects written (0 when the import was rolled back)
 * @param problems every bad line, by number, in file order
 * @param committed whether anything was written: false when a bad line aborted an all-or-nothing import
 */
public record ImportReport(long linesRead, long subjectsImported, List<LineProblem> problems, boolean committed, Duration elapsed) {

  /** A line that was not imported, and why. The reason names fields, never their values. */
  public record LineProblem(long lineNumber, String reason) {}

  public ImportReport {
    problems = List.copyOf(problems);
  }
}
