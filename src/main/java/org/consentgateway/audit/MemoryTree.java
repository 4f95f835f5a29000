package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A whole Merkle tree in memory, every complete node kept: for tests and for the offline verifier,
 * which rebuilds the tree from the exported leaves and compares roots and proofs. About 64 bytes
 * per leaf. Not thread-safe: confine an instance to one thread.
 */
public final class MemoryTree implements NodeHashes {

  private final List<HashColumn> levels = new ArrayList<>();
  private long size;

  /** Appends a leaf with this data (its leaf hash is SHA-256(0x00 || data)); returns the leaf hash. */
  public Sha256Hash appendData(byte[] data) {
    Sha256Hash leafHash = MerkleHash.leaf(data);
    append(leafHash);
    return leafHash;
  }

  /** Appends a leaf by its hash, completing the nodes {@link TreeFrontier#nodesCompletedByAppend} names. */
  public void append(Sha256Hash leafHash) {
    requireNonNull(leafHash, "leafHash is null");
    if (size == Long.MAX_VALUE) {
      throw new IllegalStateException("the tree is full");
    }
    Sha256Hash current = leafHash;
    long index = size;
    int level = 0;
    column(level).add(current);
    while ((index & 1) == 1) {
      current = MerkleHash.node(column(level).get(index - 1), current);
      index >>>= 1;
      level++;
      column(level).add(current);
    }
    size++;
  }

  public long size() {
    return size;
  }

  /** The root now. */
  public Sha256Hash rootHash() {
    return MerkleProofs.rootHash(size, this);
  }

  /** The root the tree had at {@code treeSize <= size()}. */
  public Sha256Hash rootHash(long treeSize) {
    requireWithin(treeSize);
    return MerkleProofs.rootHash(treeSize, this);
  }

  public List<Sha256Hash> inclusionProof(long leafIndex, long treeSize) {
    requireWithin(treeSize);
    return MerkleProofs.inclusionProof(leafIndex, treeSize, this);
  }

  public List<Sha256Hash> consistencyProof(long size1, long size2) {
    requireWithin(size2);
    return MerkleProofs.consistencyProof(size1, size2, this);
  }

  @Override
  public Optional<Sha256Hash> find(TreeNode node) {
    if (node.level() >= levels.size() || node.index() >= levels.get(node.level()).count()) {
      return Optional.empty();
    }
    return Optional.of(levels.get(node.level()).get(node.index()));
  }

  private void requireWithin(long treeSize) {
    if (treeSize < 0 || treeSize > size) {
      throw new IllegalArgumentException("tree size " + treeSize + " is beyond " + size);
    }
  }

  private HashColumn column(int level) {
    if (level == levels.size()) {
      levels.add(new HashColumn());
    }
    return levels.get(level);
  }

  /** The hashes of one level, packed 32 bytes each. */
  private static final class HashColumn {
    private byte[] packed = new byte[Sha256Hash.SIZE * 16];
    private long count;

    long count() {
      return count;
    }

    void add(Sha256Hash hash) {
      long needed = (count + 1) * Sha256Hash.SIZE;
      if (needed > packed.length) {
        long grown = Math.max(needed, 2L * packed.length);
        if (grown > Integer.MAX_VALUE - 8) {
          throw new IllegalStateException("a memory tree holds at most 2^26 leaves; use TreeFrontier beyond");
        }
        packed = Arrays.copyOf(packed, (int) grown);
      }
      System.arraycopy(hash.raw(), 0, packed, (int) (count * Sha256Hash.SIZE), Sha256Hash.SIZE);
      count++;
    }

    Sha256Hash get(long index) {
      int from = (int) (index * Sha256Hash.SIZE);
      return Sha256Hash.wrap(Arrays.copyOfRange(packed, from, from + Sha256Hash.SIZE));
    }
  }
}
