package org.consentgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlogProofTest {

  private static final String ORIGIN = "consent-gateway.local/audit";
  private static final NoteSigner SIGNER = NoteSigner.generate(ORIGIN);

  private final MemoryTree tree = MerkleProofsTest.treeOf(MerkleProofsTest.leaves(11));
  private final SignedNote checkpoint = Checkpoint.of(ORIGIN, 11, tree.rootHash()).sign(SIGNER);

  @Test
  void encodesTheC2spLayout() {
    TlogProof proof = TlogProof.of(5, tree.inclusionProof(5, 11), checkpoint);

    StringBuilder expected = new StringBuilder("c2sp.org/tlog-proof@v1\nindex 5\n");
    tree.inclusionProof(5, 11).forEach(hash -> expected.append(hash.base64()).append('\n'));
    expected.append('\n').append(checkpoint.encode());
    assertThat(proof.encode()).isEqualTo(expected.toString());
  }

  @Test
  void parsingReversesEncoding() {
    TlogProof plain = TlogProof.of(5, tree.inclusionProof(5, 11), checkpoint);
    TlogProof withExtra = new TlogProof(Optional.of("ZXh0cmE="), 10, tree.inclusionProof(10, 11), checkpoint);

    assertThat(TlogProof.parse(plain.encode())).isEqualTo(plain);
    assertThat(TlogProof.parse(withExtra.encode())).isEqualTo(withExtra);
    assertThat(TlogProof.parse(withExtra.encode()).encode()).isEqualTo(withExtra.encode());
  }

  @Test
  void aBundleVerifiesForItsLeafOnly() {
    TlogProof proof = TlogProof.parse(TlogProof.of(5, tree.inclusionProof(5, 11), checkpoint).encode());

    assertThat(proof.verify(tree.require(TreeNode.leaf(5)), SIGNER.verifier(), ORIGIN).isValid()).isTrue();
    assertThat(proof.verify(tree.require(TreeNode.leaf(4)), SIGNER.verifier(), ORIGIN).failure())
        .contains(VerifyFailure.ROOT_MISMATCH);
    assertThat(proof.verify(tree.require(TreeNode.leaf(5)), SIGNER.verifier(), "other.example/log").failure())
        .contains(VerifyFailure.ORIGIN_MISMATCH);
    assertThat(proof.verify(tree.require(TreeNode.leaf(5)), NoteSigner.generate(ORIGIN).verifier(), ORIGIN).failure())
        .contains(VerifyFailure.NO_TRUSTED_SIGNATURE);
  }

  @Test
  void aTamperedProofHashFails() {
    List<Sha256Hash> hashes = new ArrayList<>(tree.inclusionProof(5, 11));
    hashes.set(1, Sha256Hash.digest(new byte[] {1}));
    TlogProof proof = TlogProof.of(5, hashes, checkpoint);

    assertThat(proof.verify(tree.require(TreeNode.leaf(5)), SIGNER.verifier(), ORIGIN).failure())
        .contains(VerifyFailure.ROOT_MISMATCH);
  }

  @Test
  void refusesMalformedBundles() {
    String good = TlogProof.of(5, tree.inclusionProof(5, 11), checkpoint).encode();
    for (String bad : List.of(
        good.replace("c2sp.org/tlog-proof@v1", "c2sp.org/tlog-proof@v2"),
        good.replace("index 5", "index 05"),
        good.replace("index 5", "index -5"),
        good.replace("index 5\n", ""),
        good.replace("index 5", "extra !!\nindex 5"),
        good.replace("\n\n", "\n"),
        good.replace("index 5\n", "index 5\nAAAA\n"))) {
      assertThatThrownBy(() -> TlogProof.parse(bad)).as(bad).isInstanceOf(AuditFormatException.class);
    }
  }
}
