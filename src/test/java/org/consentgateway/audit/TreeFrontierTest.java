package org.consentgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TreeFrontierTest {

  @Test
  void appendsNameTheNodesTheyComplete() {
    assertThat(TreeFrontier.nodesCompletedByAppend(0)).containsExactly(TreeNode.leaf(0));
    assertThat(TreeFrontier.nodesCompletedByAppend(6)).containsExactly(TreeNode.leaf(6));
    assertThat(TreeFrontier.nodesCompletedByAppend(7))
        .containsExactly(TreeNode.leaf(7), new TreeNode(1, 3), new TreeNode(2, 1), new TreeNode(3, 0));
    assertThat(TreeFrontier.nodesCompletedByAppend(11))
        .containsExactly(TreeNode.leaf(11), new TreeNode(1, 5), new TreeNode(2, 2));
  }

  @Test
  void aFrontierGrowsLikeTheWholeTree() {
    MemoryTree tree = new MemoryTree();
    TreeFrontier frontier = TreeFrontier.empty();
    for (byte[] leaf : MerkleProofsTest.leaves(300)) {
      Sha256Hash leafHash = tree.appendData(leaf);
      TreeFrontier.Appended appended = frontier.append(leafHash);
      frontier = appended.frontier();

      assertThat(frontier.size()).isEqualTo(tree.size());
      assertThat(frontier.rootHash()).isEqualTo(tree.rootHash());
      assertThat(appended.completed().keySet())
          .containsExactlyElementsOf(TreeFrontier.nodesCompletedByAppend(tree.size() - 1));
      appended.completed().forEach((node, hash) -> assertThat(tree.require(node)).isEqualTo(hash));
    }
  }

  @Test
  void aBatchContinuesFromTheStoredFrontier() {
    List<byte[]> leaves = MerkleProofsTest.leaves(100);
    MemoryTree tree = MerkleProofsTest.treeOf(leaves.subList(0, 37));
    Map<TreeNode, Sha256Hash> stored = new HashMap<>();
    MerkleProofs.nodesForRoot(37).forEach(node -> stored.put(node, tree.require(node)));
    TreeFrontier frontier = TreeFrontier.of(37, NodeHashes.of(stored));

    for (byte[] leaf : leaves.subList(37, 100)) {
      frontier = frontier.append(tree.appendData(leaf)).frontier();
    }

    assertThat(frontier.rootHash()).isEqualTo(tree.rootHash());
    assertThat(frontier.nodes().keySet()).containsExactlyElementsOf(MerkleProofs.nodesForRoot(100));
  }

  @Test
  void theEmptyFrontierHasTheEmptyRoot() {
    assertThat(TreeFrontier.empty().rootHash()).isEqualTo(MerkleHash.emptyRoot());
    assertThat(TreeFrontier.empty().nodes()).isEmpty();
  }
}
