package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

/**
 * What a page pins for the browser's proof check, so the check does not rest on what the server
 * sends alongside the proof: the checkpoint signer's verifier key ({@code <name>+<key id>+<key>},
 * C2SP signed-note) and the log's origin, the first line every checkpoint must carry.
 */
public record ProofPins(String verifierKey, String origin) {

  public ProofPins {
    requireNonNull(verifierKey, "verifierKey is null");
    requireNonNull(origin, "origin is null");
  }
}
