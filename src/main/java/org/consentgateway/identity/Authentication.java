package org.consentgateway.identity;

import java.time.Instant;
import java.util.Optional;
import org.consentgateway.value.Principal;

/** The outcome of checking a credential: a principal valid until a time, or the reason it was refused. */
public record Authentication(Optional<Principal> principal, Instant validUntil, String problem) {

  public static Authentication of(Principal principal, Instant validUntil) {
    return new Authentication(Optional.of(principal), validUntil, "");
  }

  public static Authentication refused(String problem) {
    return new Authentication(Optional.empty(), Instant.EPOCH, problem);
  }

  public boolean accepted() {
    return principal.isPresent();
  }
}
