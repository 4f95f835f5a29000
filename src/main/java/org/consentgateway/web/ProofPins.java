package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

/**
 * What a page pins for the browser's proof check, so the check does not rest on what the server
 * sends alongside the proof: the checkpoint signer's verifier key ({@code <name>+<key id>+<key>},
 * C2SP signed-note), the log's origin, the first line every checkpoint must carry, and, when the
 * log has witnesses, their verifier keys and how many of them must have cosigned the checkpoint.
 *
 * @param witnessKeys the witnesses' verifier keys, space-separated; empty without witnesses
 * @param witnessQuorum how many of them must have cosigned; 0 without witnesses
 */
public record ProofPins(String verifierKey, String origin, String witnessKeys, int witnessQuorum) {

  public ProofPins {
    requireNonNull(verifierKey, "verifierKey is null");
    requireNonNull(origin, "origin is null");
    requireNonNull(witnessKeys, "witnessKeys is null");
    if (witnessQuorum < 0 || (witnessQuorum == 0) != witnessKeys.isEmpty()) {
      throw new IllegalArgumentException("a quorum of witnesses comes with their keys");
    }
  }

  public boolean hasWitnesses() {
    return witnessQuorum > 0;
  }
}
