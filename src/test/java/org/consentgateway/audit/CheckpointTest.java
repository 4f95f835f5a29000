package org.consentgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointTest {

  /** The example of c2sp.org/tlog-checkpoint. */
  private static final String SPEC_EXAMPLE =
      "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

  @Test
  void theBodyIsOriginSizeAndRootOnALineEach() {
    Sha256Hash root = MerkleProofsTest.treeOf(MerkleProofsTest.leaves(3)).rootHash();
    Checkpoint checkpoint = Checkpoint.of("consent-gateway.local/audit", 3, root);

    assertThat(checkpoint.body()).isEqualTo("consent-gateway.local/audit\n3\n" + root.base64() + "\n");
    assertThat(Checkpoint.parse(checkpoint.body())).isEqualTo(checkpoint);
  }

  @Test
  void parsesTheSpecExample() {
    Checkpoint checkpoint = Checkpoint.parse(SPEC_EXAMPLE);

    assertThat(checkpoint.origin()).isEqualTo("example.com/behind-the-sofa");
    assertThat(checkpoint.size()).isEqualTo(20_852_163);
    assertThat(checkpoint.body()).isEqualTo(SPEC_EXAMPLE);
  }

  @Test
  void keepsExtensionLines() {
    Checkpoint checkpoint = Checkpoint.parse(SPEC_EXAMPLE + "ext one\next two\n");

    assertThat(checkpoint.extensions()).containsExactly("ext one", "ext two");
    assertThat(checkpoint.body()).isEqualTo(SPEC_EXAMPLE + "ext one\next two\n");
  }

  @Test
  void refusesMalformedBodies() {
    for (String body : List.of(
        SPEC_EXAMPLE.strip(),
        "example.com/behind-the-sofa\n20852163\n",
        "example.com/behind-the-sofa\n020852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
        "example.com/behind-the-sofa\n-1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
        "example.com/behind-the-sofa\n18446744073709551615\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
        "example.com/behind-the-sofa\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2=\n",
        "example.com/behind-the-sofa\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n",
        "\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n",
        SPEC_EXAMPLE + "\n")) {
      assertThatThrownBy(() -> Checkpoint.parse(body)).as(body).isInstanceOf(AuditFormatException.class);
    }
  }

  @Test
  void aSignedCheckpointVerifiesWithThePublishedKey() {
    NoteSigner signer = NoteSigner.generate("consent-gateway.local/audit");
    Checkpoint checkpoint = Checkpoint.of("consent-gateway.local/audit", 0, MerkleHash.emptyRoot());

    SignedNote received = SignedNote.parse(checkpoint.sign(signer).encode());

    assertThat(received.verify(NoteVerifier.parse(signer.verifier().verifierKey())).isValid()).isTrue();
    assertThat(Checkpoint.parse(received)).isEqualTo(checkpoint);
  }
}
