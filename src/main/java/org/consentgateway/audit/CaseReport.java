package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What checking a case file found: which key was trusted (and whether it came from outside the
 * case), what the case proves when it holds, or every problem found, each naming its entry or the
 * checkpoint or key.
 *
 * @param trustedKey the key the checkpoint was checked with, as {@code name+keyid}; empty when the
 *     case was refused before a key could be chosen
 * @param pinned whether that key was given by the person checking rather than taken from the case
 * @param proven one sentence of what the case proves; empty when it does not hold
 * @param failures each problem as {@code where: what}, in index order after the checkpoint's
 */
public record CaseReport(Optional<String> trustedKey, boolean pinned, Optional<String> proven, List<LogVerifier.Finding> failures) {

  public CaseReport {
    requireNonNull(trustedKey, "trustedKey is null");
    requireNonNull(proven, "proven is null");
    failures = List.copyOf(failures);
    if (proven.isPresent() != failures.isEmpty()) {
      throw new IllegalArgumentException("a case either proves something or names its failures");
    }
  }

  /** Refused before a key was chosen. */
  static CaseReport refused(LogVerifier.Finding failure) {
    return new CaseReport(Optional.empty(), false, Optional.empty(), List.of(failure));
  }

  /** Refused after {@code trustedKey} was chosen. */
  static CaseReport refused(String trustedKey, boolean pinned, List<LogVerifier.Finding> failures) {
    return new CaseReport(Optional.of(trustedKey), pinned, Optional.empty(), failures);
  }

  public boolean valid() {
    return failures.isEmpty();
  }

  /** {@code OK: ...}, or one {@code FAIL where: what} line per problem. */
  public List<String> verdict() {
    return proven.map(sentence -> List.of("OK: " + sentence))
        .orElseGet(() -> failures.stream().map(failure -> "FAIL " + failure).toList());
  }
}
