package org.consentgateway.audit;

/**
 * A complete, aligned subtree of the Merkle tree: node {@code (level, index)} covers the {@code
 * 2^level} leaves {@code [index * 2^level, (index + 1) * 2^level)}. Level 0 holds the leaf hashes.
 * Such a node's hash never changes once its last leaf is appended, which is what storage keeps.
 * Every covered leaf index fits in a signed {@code long}.
 */
public record TreeNode(int level, long index) {

  /** Levels run from 0 (leaves) to 62: a tree of at most {@link Long#MAX_VALUE} leaves. */
  public static final int MAX_LEVEL = 62;

  public TreeNode {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("level must be in [0, 62], got " + level);
    }
    // (index + 1) * 2^level must not pass Long.MAX_VALUE, the largest tree size.
    if (index < 0 || index >= (Long.MAX_VALUE >>> level)) {
      throw new IllegalArgumentException("index out of range for level " + level + ": " + index);
    }
  }

  /** The level-0 node holding the hash of leaf {@code leafIndex}. */
  public static TreeNode leaf(long leafIndex) {
    return new TreeNode(0, leafIndex);
  }

  /** The number of leaves covered, {@code 2^level}. */
  public long leafCount() {
    return 1L << level;
  }

  /** The first leaf covered. */
  public long firstLeaf() {
    return index << level;
  }

  /** One past the last leaf covered: the tree size at which this node becomes complete. */
  public long endLeaf() {
    return (index + 1) << level;
  }

  public boolean isLeaf() {
    return level == 0;
  }

  /** The left child; throws {@link IllegalStateException} on a leaf. */
  public TreeNode leftChild() {
    requireInterior();
    return new TreeNode(level - 1, 2 * index);
  }

  /** The right child; throws {@link IllegalStateException} on a leaf. */
  public TreeNode rightChild() {
    requireInterior();
    return new TreeNode(level - 1, 2 * index + 1);
  }

  private void requireInterior() {
    if (level == 0) {
      throw new IllegalStateException("a leaf has no children");
    }
  }

  @Override
  public String toString() {
    return "(" + level + ", " + index + ")";
  }
}
