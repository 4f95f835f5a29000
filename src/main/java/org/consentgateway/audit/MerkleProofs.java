package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Root hashes and proofs of the RFC 9162 Merkle tree, generated from stored complete subtrees
 * without reading the log. Each operation has two phases so storage can answer in one query:
 * {@code nodesFor...} names the {@link TreeNode}s needed (at most about two per tree level), and
 * the matching function computes the result from a {@link NodeHashes} holding them.
 *
 * <p>Every proof element is the Merkle Tree Hash of a leaf range {@code [a, b)} whose start is
 * aligned to a power of two at least {@code b - a}; such a range splits into at most 63 complete
 * subtrees, the largest power-of-two chunks from the left, and its hash folds them from the right
 * (RFC 9162 §2.1.1: {@code MTH(D[n]) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n]))}).
 *
 * <p>Arguments out of range are programming errors and throw {@link IllegalArgumentException}; a
 * hash missing from the lookup throws {@link IllegalStateException}.
 */
public final class MerkleProofs {

  private MerkleProofs() {}

  /** The nodes {@link #rootHash} needs: the decomposition of {@code [0, treeSize)}. */
  public static Set<TreeNode> nodesForRoot(long treeSize) {
    requireSize(treeSize);
    if (treeSize == 0) {
      return Set.of();
    }
    return Collections.unmodifiableSet(new LinkedHashSet<>(subtrees(new Range(0, treeSize))));
  }

  /** MTH(D[treeSize]), the root at {@code treeSize}; SHA-256("") when empty (RFC 9162 §2.1.1). */
  public static Sha256Hash rootHash(long treeSize, NodeHashes hashes) {
    requireSize(treeSize);
    requireNonNull(hashes, "hashes is null");
    return treeSize == 0 ? MerkleHash.emptyRoot() : hash(new Range(0, treeSize), hashes);
  }

  /** The nodes {@link #inclusionProof} needs. */
  public static Set<TreeNode> nodesForInclusion(long leafIndex, long treeSize) {
    return nodesOf(inclusionRanges(leafIndex, treeSize));
  }

  /** PATH(leafIndex, D[treeSize]) of RFC 9162 §2.1.3.1, leaf's sibling first; needs {@code 0 <= leafIndex < treeSize}. */
  public static List<Sha256Hash> inclusionProof(long leafIndex, long treeSize, NodeHashes hashes) {
    requireNonNull(hashes, "hashes is null");
    return hashesOf(inclusionRanges(leafIndex, treeSize), hashes);
  }

  /** The nodes {@link #consistencyProof} needs. */
  public static Set<TreeNode> nodesForConsistency(long size1, long size2) {
    return nodesOf(consistencyRanges(size1, size2));
  }

  /**
   * PROOF(size1, D[size2]) of RFC 9162 §2.1.4.1; needs {@code 0 < size1 <= size2} (empty when
   * equal: a proof from the empty tree is meaningless and refused by verifiers).
   */
  public static List<Sha256Hash> consistencyProof(long size1, long size2, NodeHashes hashes) {
    requireNonNull(hashes, "hashes is null");
    return hashesOf(consistencyRanges(size1, size2), hashes);
  }

  // RFC 9162 §2.1.3.1: PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) when m < k,
  // else PATH(m - k, D[k:n]) : MTH(D[0:k]), with k the largest power of two smaller than n.
  private static List<Range> inclusionRanges(long leafIndex, long treeSize) {
    requireSize(treeSize);
    if (leafIndex < 0 || leafIndex >= treeSize) {
      throw new IllegalArgumentException(
          "leaf index " + leafIndex + " is not in a tree of size " + treeSize);
    }
    List<Range> topDown = new ArrayList<>();
    long start = 0;
    long end = treeSize;
    while (end - start > 1) {
      long k = Long.highestOneBit(end - start - 1);
      if (leafIndex < start + k) {
        topDown.add(new Range(start + k, end));
        end = start + k;
      } else {
        topDown.add(new Range(start, start + k));
        start += k;
      }
    }
    Collections.reverse(topDown);
    return topDown;
  }

  // RFC 9162 §2.1.4.1: SUBPROOF(m, D[m], true) = {}, SUBPROOF(m, D[m], false) = {MTH(D[m])};
  // for m < n: m <= k gives SUBPROOF(m, D[0:k], b) : MTH(D[k:n]),
  // m > k gives SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k]).
  private static List<Range> consistencyRanges(long size1, long size2) {
    requireSize(size2);
    if (size1 <= 0 || size1 > size2) {
      throw new IllegalArgumentException(
          "a consistency proof needs 0 < size1 <= size2, got " + size1 + " and " + size2);
    }
    List<Range> topDown = new ArrayList<>();
    long start = 0;
    long end = size2;
    boolean startsAtOldRoot = true;
    while (size1 != end) {
      long k = Long.highestOneBit(end - start - 1);
      if (size1 <= start + k) {
        topDown.add(new Range(start + k, end));
        end = start + k;
      } else {
        topDown.add(new Range(start, start + k));
        start += k;
        startsAtOldRoot = false;
      }
    }
    if (!startsAtOldRoot) {
      topDown.add(new Range(start, end));
    }
    Collections.reverse(topDown);
    return topDown;
  }

  /** The complete subtrees of an aligned range, largest power-of-two chunks from the left. */
  static List<TreeNode> subtrees(Range range) {
    List<TreeNode> nodes = new ArrayList<>();
    long position = range.start();
    while (position < range.end()) {
      long chunk = Long.highestOneBit(range.end() - position);
      if ((position & (chunk - 1)) != 0) {
        throw new IllegalArgumentException("range " + range + " is not aligned");
      }
      int level = Long.numberOfTrailingZeros(chunk);
      nodes.add(new TreeNode(level, position >>> level));
      position += chunk;
    }
    return nodes;
  }

  /** MTH of an aligned range: its subtrees folded from the right (RFC 9162 §2.1.1). */
  static Sha256Hash hash(Range range, NodeHashes hashes) {
    List<TreeNode> nodes = subtrees(range);
    Sha256Hash result = hashes.require(nodes.get(nodes.size() - 1));
    for (int i = nodes.size() - 2; i >= 0; i--) {
      result = MerkleHash.node(hashes.require(nodes.get(i)), result);
    }
    return result;
  }

  private static Set<TreeNode> nodesOf(List<Range> ranges) {
    Set<TreeNode> nodes = new LinkedHashSet<>();
    for (Range range : ranges) {
      nodes.addAll(subtrees(range));
    }
    return Collections.unmodifiableSet(nodes);
  }

  private static List<Sha256Hash> hashesOf(List<Range> ranges, NodeHashes hashes) {
    List<Sha256Hash> proof = new ArrayList<>(ranges.size());
    for (Range range : ranges) {
      proof.add(hash(range, hashes));
    }
    return List.copyOf(proof);
  }

  private static void requireSize(long treeSize) {
    if (treeSize < 0) {
      throw new IllegalArgumentException("tree size must not be negative, got " + treeSize);
    }
  }

  /** Leaves {@code [start, end)}. */
  record Range(long start, long end) {
    Range {
      if (start < 0 || end <= start) {
        throw new IllegalArgumentException("empty or negative range [" + start + ", " + end + ")");
      }
    }
  }
}
