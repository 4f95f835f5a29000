package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

/**
 * The head of the stored log: its size and the chain hash of its last entry ({@link
 * ChainHash#genesis()} when empty). Because the chain hash commits to every entry, two heads with
 * equal size and chain hash describe the same log.
 */
record LogHead(long size, Sha256Hash chainHash) {

  static final LogHead EMPTY = new LogHead(0, ChainHash.genesis());

  LogHead {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, got " + size);
    }
    requireNonNull(chainHash, "chainHash is null");
  }
}
