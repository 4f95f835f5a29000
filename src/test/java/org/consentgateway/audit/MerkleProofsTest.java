package org.consentgateway.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MerkleProofsTest {

  private static final int MAX_SIZE = 64;

  /** The eight leaves behind the RFC 6962 test vectors. */
  private static final List<String> REFERENCE_LEAVES =
      List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  @Test
  void theEightReferenceLeavesGiveTheReferenceRoot() {
    MemoryTree tree = new MemoryTree();
    REFERENCE_LEAVES.forEach(hex -> tree.appendData(HexFormat.of().parseHex(hex)));

    assertThat(tree.rootHash().hex())
        .isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  }

  @Test
  void theEmptyTreeHasTheHashOfTheEmptyString() {
    assertThat(new MemoryTree().rootHash().hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(MerkleProofs.nodesForRoot(0)).isEmpty();
  }

  @Test
  void rootsAndProofsAreExactlyThoseOfTheRfcDefinitions() {
    List<byte[]> leaves = leaves(MAX_SIZE);
    MemoryTree tree = treeOf(leaves);
    for (int n = 1; n <= MAX_SIZE; n++) {
      List<byte[]> d = leaves.subList(0, n);
      assertThat(tree.rootHash(n)).isEqualTo(Rfc9162Reference.mth(d));
      for (int m = 0; m < n; m++) {
        assertThat(tree.inclusionProof(m, n)).as("PATH(%d, D[%d])", m, n)
            .isEqualTo(Rfc9162Reference.path(m, d));
      }
      for (int m = 1; m <= n; m++) {
        assertThat(tree.consistencyProof(m, n)).as("PROOF(%d, D[%d])", m, n)
            .isEqualTo(Rfc9162Reference.proof(m, d));
      }
    }
  }

  @Test
  void everyInclusionProofVerifiesAndAnyFlippedByteFails() {
    MemoryTree tree = treeOf(leaves(MAX_SIZE));
    for (int n = 1; n <= MAX_SIZE; n++) {
      byte[] root = tree.rootHash(n).bytes();
      for (int m = 0; m < n; m++) {
        byte[] leaf = tree.require(TreeNode.leaf(m)).bytes();
        List<byte[]> proof = raw(tree.inclusionProof(m, n));
        long index = m;
        long size = n;

        assertThat(MerkleVerifier.verifyInclusion(index, size, leaf, proof, root).isValid()).isTrue();
        forEachFlippedByte(proof, tampered -> assertThat(
            MerkleVerifier.verifyInclusion(index, size, leaf, tampered, root).isValid()).isFalse());
      }
    }
  }

  @Test
  void everyConsistencyProofVerifiesAndAnyFlippedByteFails() {
    MemoryTree tree = treeOf(leaves(MAX_SIZE));
    for (int n = 1; n <= MAX_SIZE; n++) {
      byte[] root2 = tree.rootHash(n).bytes();
      for (int m = 1; m <= n; m++) {
        byte[] root1 = tree.rootHash(m).bytes();
        List<byte[]> proof = raw(tree.consistencyProof(m, n));
        int size1 = m;
        int size2 = n;

        assertThat(MerkleVerifier.verifyConsistency(m, n, proof, root1, root2).isValid()).isTrue();
        forEachFlippedByte(proof, tampered -> assertThat(
            MerkleVerifier.verifyConsistency(size1, size2, tampered, root1, root2).isValid()).isFalse());
      }
    }
  }

  @Test
  void proofsNeedOnlyTheNodesTheyAskFor() {
    MemoryTree tree = treeOf(leaves(MAX_SIZE));
    for (int n = 1; n <= MAX_SIZE; n++) {
      assertThat(MerkleProofs.rootHash(n, only(tree, MerkleProofs.nodesForRoot(n))))
          .isEqualTo(tree.rootHash(n));
      for (int m = 0; m < n; m++) {
        assertThat(MerkleProofs.inclusionProof(m, n, only(tree, MerkleProofs.nodesForInclusion(m, n))))
            .isEqualTo(tree.inclusionProof(m, n));
      }
      for (int m = 1; m <= n; m++) {
        assertThat(MerkleProofs.consistencyProof(m, n, only(tree, MerkleProofs.nodesForConsistency(m, n))))
            .isEqualTo(tree.consistencyProof(m, n));
      }
    }
  }

  @Test
  void aMissingNodeIsReportedByName() {
    assertThatThrownBy(() -> MerkleProofs.inclusionProof(2, 5, NodeHashes.of(Map.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageMatching("hash of node \\(\\d+, \\d+\\) is missing");
  }

  @Test
  void aRootOfSevenLeavesNeedsThreeSubtrees() {
    assertThat(MerkleProofs.nodesForRoot(7))
        .containsExactly(new TreeNode(2, 0), new TreeNode(1, 2), new TreeNode(0, 6));
  }

  @Test
  void proofsOfHugeTreesNeedAtMostTwoNodesPerLevel() {
    long size = Long.MAX_VALUE;
    assertThat(MerkleProofs.nodesForRoot(size)).hasSize(63);
    assertThat(MerkleProofs.nodesForInclusion(size - 1, size).size()).isLessThanOrEqualTo(2 * 63);
    assertThat(MerkleProofs.nodesForInclusion(0, size).size()).isLessThanOrEqualTo(2 * 63);
    assertThat(MerkleProofs.nodesForConsistency(size / 3, size).size()).isLessThanOrEqualTo(2 * 63);
    assertThat(MerkleProofs.nodesForInclusion(123_456, 1_000_000).size()).isLessThanOrEqualTo(40);
  }

  @Test
  void proofsOfHugeTreesVerify() {
    // Every leaf has the same hash, so each complete node's hash depends on its level only:
    // a consistent tree of any size without storing it.
    NodeHashes uniform = new UniformTree();
    long size2 = Long.MAX_VALUE;
    long size1 = (1L << 62) + 12_345;
    long index = size2 - 2;
    byte[] leaf = uniform.require(TreeNode.leaf(0)).bytes();
    byte[] root1 = MerkleProofs.rootHash(size1, uniform).bytes();
    byte[] root2 = MerkleProofs.rootHash(size2, uniform).bytes();

    assertThat(MerkleVerifier.verifyInclusion(index, size2, leaf,
        raw(MerkleProofs.inclusionProof(index, size2, uniform)), root2).isValid()).isTrue();
    assertThat(MerkleVerifier.verifyConsistency(size1, size2,
        raw(MerkleProofs.consistencyProof(size1, size2, uniform)), root1, root2).isValid()).isTrue();
  }

  @Test
  void argumentsOutsideTheTreeAreProgrammingErrors() {
    assertThatThrownBy(() -> MerkleProofs.nodesForInclusion(5, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleProofs.nodesForInclusion(-1, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleProofs.nodesForConsistency(0, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleProofs.nodesForConsistency(6, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleProofs.nodesForRoot(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verifiersNameWhatIsWrong() {
    MemoryTree tree = treeOf(leaves(8));
    byte[] root = tree.rootHash().bytes();
    byte[] leaf = tree.require(TreeNode.leaf(3)).bytes();
    List<byte[]> proof = raw(tree.inclusionProof(3, 8));

    assertThat(MerkleVerifier.verifyInclusion(3, 8, leaf, proof.subList(0, 2), root).failure())
        .contains(VerifyFailure.WRONG_PROOF_LENGTH);
    assertThat(MerkleVerifier.verifyInclusion(3, 8, new byte[31], proof, root).failure())
        .contains(VerifyFailure.BAD_HASH_LENGTH);
    assertThat(MerkleVerifier.verifyInclusion(2, 8, leaf, proof, root).failure())
        .contains(VerifyFailure.ROOT_MISMATCH);
    assertThat(MerkleVerifier.verifyConsistency(5, 8, raw(tree.consistencyProof(5, 8)),
        tree.rootHash(4).bytes(), root).failure())
        .contains(VerifyFailure.FIRST_ROOT_MISMATCH);
    assertThat(MerkleVerifier.verifyConsistency(5, 8, raw(tree.consistencyProof(5, 8)),
        tree.rootHash(5).bytes(), tree.rootHash(7).bytes()).failure())
        .contains(VerifyFailure.SECOND_ROOT_MISMATCH);
    assertThat(MerkleVerifier.verifyConsistency(0, 8, List.of(), root, root).failure())
        .contains(VerifyFailure.SIZE_OUT_OF_RANGE);
  }

  @Test
  void treeNodesKnowTheirLeaves() {
    TreeNode node = new TreeNode(3, 2);

    assertThat(node.firstLeaf()).isEqualTo(16);
    assertThat(node.endLeaf()).isEqualTo(24);
    assertThat(node.leftChild()).isEqualTo(new TreeNode(2, 4));
    assertThat(node.rightChild()).isEqualTo(new TreeNode(2, 5));
    assertThatThrownBy(() -> new TreeNode(63, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TreeNode(62, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new TreeNode(62, 0).endLeaf()).isEqualTo(1L << 62);
  }

  static List<byte[]> leaves(int count) {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      leaves.add(("leaf " + i).getBytes(UTF_8));
    }
    return leaves;
  }

  static MemoryTree treeOf(List<byte[]> leaves) {
    MemoryTree tree = new MemoryTree();
    leaves.forEach(tree::appendData);
    return tree;
  }

  static List<byte[]> raw(List<Sha256Hash> hashes) {
    return hashes.stream().map(Sha256Hash::bytes).toList();
  }

  private static NodeHashes only(NodeHashes all, Set<TreeNode> nodes) {
    Map<TreeNode, Sha256Hash> fetched = new HashMap<>();
    nodes.forEach(node -> fetched.put(node, all.require(node)));
    return NodeHashes.of(fetched);
  }

  private static void forEachFlippedByte(List<byte[]> proof, java.util.function.Consumer<List<byte[]>> check) {
    for (int h = 0; h < proof.size(); h++) {
      for (int b = 0; b < Sha256Hash.SIZE; b++) {
        List<byte[]> tampered = new ArrayList<>(proof);
        byte[] hash = proof.get(h).clone();
        hash[b] ^= 0x01;
        tampered.set(h, hash);
        check.accept(tampered);
      }
    }
  }

  /** A tree of any size whose leaves all hash alike. */
  private static final class UniformTree implements NodeHashes {
    private final List<Sha256Hash> byLevel = new ArrayList<>();

    UniformTree() {
      byLevel.add(MerkleHash.leaf(new byte[0]));
      for (int level = 1; level <= TreeNode.MAX_LEVEL; level++) {
        Sha256Hash child = byLevel.get(level - 1);
        byLevel.add(MerkleHash.node(child, child));
      }
    }

    @Override
    public java.util.Optional<Sha256Hash> find(TreeNode node) {
      return java.util.Optional.of(byLevel.get(node.level()));
    }
  }
}
