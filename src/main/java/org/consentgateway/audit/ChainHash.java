package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;

/**
 * The hash chain over the leaves (docs/design.md "The audit log"): {@code chain_n = SHA-256(chain_{n-1} ||
 * leaf_n)} with {@code chain_{-1}} = 32 zero bytes. Entry n carries {@code chain_{n-1}} as {@code
 * prev}, so deleting, swapping or editing an entry breaks every later link.
 */
public final class ChainHash {

  private static final Sha256Hash GENESIS = Sha256Hash.of(new byte[Sha256Hash.SIZE]);

  private ChainHash() {}

  /** {@code chain_{-1}}: the {@code prev} of entry 0. */
  public static Sha256Hash genesis() {
    return GENESIS;
  }

  /** {@code chain_n} from {@code chain_{n-1}} and {@code leaf_n}. */
  public static Sha256Hash next(Sha256Hash previousChain, Sha256Hash leafHash) {
    requireNonNull(previousChain, "previousChain is null");
    requireNonNull(leafHash, "leafHash is null");
    MessageDigest digest = Sha256Hash.newDigest();
    digest.update(previousChain.raw());
    digest.update(leafHash.raw());
    return Sha256Hash.wrap(digest.digest());
  }
}
