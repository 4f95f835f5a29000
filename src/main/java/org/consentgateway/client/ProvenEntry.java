package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * An audit entry proven to be in the log: its leaf is included, by a verified RFC 9162 proof, in
 * the tree a checkpoint signed by the trusted verifier key vouches for.
 *
 * @param index the entry's index in the log
 * @param action e.g. {@code query.allowed}
 * @param actor {@code institution:<USCC>}, this client's
 * @param signatureBaseHash for a signed answer's entry, the SHA-256 of the answer's signature base
 * @param checkpoint the checkpoint the proof leads to
 */
public record ProvenEntry(long index, String action, String actor, Optional<String> signatureBaseHash, Checkpoint checkpoint) {

  public ProvenEntry {
    requireNonNull(action, "action is null");
    requireNonNull(actor, "actor is null");
    requireNonNull(signatureBaseHash, "signatureBaseHash is null");
    requireNonNull(checkpoint, "checkpoint is null");
  }
}
