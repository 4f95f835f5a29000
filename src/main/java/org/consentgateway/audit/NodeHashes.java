package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * A lookup of stored complete-subtree hashes: what storage fetched for the nodes a proof, root or
 * append asked for. Implementations must be safe to read from the calling thread.
 */
@FunctionalInterface
public interface NodeHashes {

  /** The hash of {@code node}, if known. */
  Optional<Sha256Hash> find(TreeNode node);

  /** A lookup over a map (not copied: the map must not change while it is used). */
  static NodeHashes of(Map<TreeNode, Sha256Hash> hashes) {
    requireNonNull(hashes, "hashes is null");
    return node -> Optional.ofNullable(hashes.get(node));
  }

  /** The hash of {@code node}; throws {@link MissingNodeException} if storage did not provide it. */
  default Sha256Hash require(TreeNode node) {
    return find(node).orElseThrow(() -> new MissingNodeException(node));
  }
}
