package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;

/**
 * What the page after a request's answer says: the answer in words, the receipt when the request
 * was approved, and the way back to the institution when the consent capability gives one.
 *
 * @param institutionName the institution's registered name, for the way back's label
 * @param returnTo the target the consent capability built from the institution's registered
 *     redirect URI; never a URL from the form or the query
 */
public record Outcome(String institutionName, String message, Optional<ReceiptView> receipt, Optional<String> returnTo) {

  public Outcome {
    requireNonNull(institutionName, "institutionName is null");
    requireNonNull(message, "message is null");
    requireNonNull(receipt, "receipt is null");
    requireNonNull(returnTo, "returnTo is null");
  }

  /** An answer with neither receipt nor way back. */
  static Outcome of(String institutionName, String message) {
    return new Outcome(institutionName, message, Optional.empty(), Optional.empty());
  }

  Outcome withReceipt(ReceiptView shown) {
    return new Outcome(institutionName, message, Optional.of(shown), returnTo);
  }

  Outcome returningTo(URI target) {
    return new Outcome(institutionName, message, receipt, Optional.of(target.toASCIIString()));
  }
}
