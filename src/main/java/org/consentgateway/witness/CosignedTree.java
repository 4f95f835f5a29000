package org.consentgateway.witness;

import static java.util.Objects.requireNonNull;

import org.consentgateway.audit.Sha256Hash;

/** The latest tree of one log the witness cosigned: its size and root hash. */
public record CosignedTree(long size, Sha256Hash rootHash) {
  public CosignedTree {
    if (size < 0) {
      throw new IllegalArgumentException("a tree size is not negative");
    }
    requireNonNull(rootHash, "rootHash is null");
  }
}
