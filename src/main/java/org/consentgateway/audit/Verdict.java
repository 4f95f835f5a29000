package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The outcome of verifying untrusted input: valid, or the failure and a human-readable detail
 * that a verifier can print ("root mismatch", "proof has 4 hashes, expected 3").
 */
public record Verdict(Optional<VerifyFailure> failure, String detail) {

  private static final Verdict VALID = new Verdict(Optional.empty(), "valid");

  public Verdict {
    requireNonNull(failure, "failure is null");
    requireNonNull(detail, "detail is null");
  }

  public static Verdict valid() {
    return VALID;
  }

  public static Verdict invalid(VerifyFailure failure, String detail) {
    return new Verdict(Optional.of(requireNonNull(failure, "failure is null")), detail);
  }

  public boolean isValid() {
    return failure.isEmpty();
  }

  @Override
  public String toString() {
    return failure.map(f -> f.code() + ": " + detail).orElse("valid");
  }
}
