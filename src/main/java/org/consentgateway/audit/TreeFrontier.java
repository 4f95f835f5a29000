package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The right edge of the tree at some size: the hashes of the maximal complete subtrees of {@code
 * [0, size)} ({@link MerkleProofs#nodesForRoot}), at most 62. They are all an appender needs: every
 * node completed by later appends has its left child either among them or completed in the same
 * batch. So an appender loads the frontier once (one query), appends a whole batch in memory, and
 * writes the completed nodes. Immutable: {@link #append} returns the next frontier.
 */
public final class TreeFrontier {

  private static final TreeFrontier EMPTY = new TreeFrontier(0, List.of());

  private final long size;
  private final List<Sha256Hash> hashes; // of nodesForRoot(size), largest subtree first

  private TreeFrontier(long size, List<Sha256Hash> hashes) {
    this.size = size;
    this.hashes = hashes;
  }

  /** The frontier of the empty tree. */
  public static TreeFrontier empty() {
    return EMPTY;
  }

  /** The frontier at {@code treeSize} from stored hashes of {@link MerkleProofs#nodesForRoot}. */
  public static TreeFrontier of(long treeSize, NodeHashes stored) {
    requireNonNull(stored, "stored is null");
    List<Sha256Hash> hashes = new ArrayList<>();
    for (TreeNode node : MerkleProofs.nodesForRoot(treeSize)) {
      hashes.add(stored.require(node));
    }
    return new TreeFrontier(treeSize, List.copyOf(hashes));
  }

  /**
   * The complete nodes that appear when leaf {@code leafIndex} is appended, bottom up: the leaf
   * itself at level 0, then {@code (l, (leafIndex + 1) / 2^l - 1)} for every level {@code l} where
   * {@code 2^l} divides {@code leafIndex + 1}. Each is {@code node(leftChild, rightChild)}.
   */
  public static List<TreeNode> nodesCompletedByAppend(long leafIndex) {
    List<TreeNode> nodes = new ArrayList<>();
    nodes.add(TreeNode.leaf(leafIndex));
    long newSize = leafIndex + 1;
    for (int level = 1; level <= TreeNode.MAX_LEVEL && (newSize & ((1L << level) - 1)) == 0; level++) {
      nodes.add(new TreeNode(level, (newSize >>> level) - 1));
    }
    return List.copyOf(nodes);
  }

  public long size() {
    return size;
  }

  /** The frontier's nodes and hashes, largest subtree (leftmost) first. */
  public Map<TreeNode, Sha256Hash> nodes() {
    Map<TreeNode, Sha256Hash> nodes = new LinkedHashMap<>();
    int i = 0;
    for (TreeNode node : MerkleProofs.nodesForRoot(size)) {
      nodes.put(node, hashes.get(i++));
    }
    return Collections.unmodifiableMap(nodes);
  }

  /** The root at {@link #size()}: the frontier folded from the right (RFC 9162 §2.1.1). */
  public Sha256Hash rootHash() {
    if (hashes.isEmpty()) {
      return MerkleHash.emptyRoot();
    }
    Sha256Hash root = hashes.get(hashes.size() - 1);
    for (int i = hashes.size() - 2; i >= 0; i--) {
      root = MerkleHash.node(hashes.get(i), root);
    }
    return root;
  }

  /** Appends leaf {@link #size()}; the result holds the next frontier and every node completed. */
  public Appended append(Sha256Hash leafHash) {
    requireNonNull(leafHash, "leafHash is null");
    if (size == Long.MAX_VALUE) {
      throw new IllegalStateException("the tree is full");
    }
    List<TreeNode> completed = nodesCompletedByAppend(size);
    Map<TreeNode, Sha256Hash> hashesOfCompleted = new LinkedHashMap<>();
    List<Sha256Hash> next = new ArrayList<>(hashes);
    Sha256Hash current = leafHash;
    hashesOfCompleted.put(completed.get(0), current);
    for (TreeNode node : completed.subList(1, completed.size())) {
      // The left child is the frontier's last subtree; the right child was just completed.
      current = MerkleHash.node(next.remove(next.size() - 1), current);
      hashesOfCompleted.put(node, current);
    }
    next.add(current);
    return new Appended(
        new TreeFrontier(size + 1, List.copyOf(next)),
        Collections.unmodifiableMap(hashesOfCompleted));
  }

  /**
   * The result of one append: the frontier after it, and the nodes it completed with their hashes,
   * leaf first then upwards (storage writes them all).
   */
  public record Appended(TreeFrontier frontier, Map<TreeNode, Sha256Hash> completed) {
    public Appended {
      requireNonNull(frontier, "frontier is null");
      requireNonNull(completed, "completed is null");
    }
  }

  @Override
  public String toString() {
    return "TreeFrontier[size=" + size + ", root=" + rootHash() + "]";
  }
}
