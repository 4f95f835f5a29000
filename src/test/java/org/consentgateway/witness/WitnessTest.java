package org.consentgateway.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.consentgateway.audit.Checkpoint;
import org.consentgateway.audit.Cosigner;
import org.consentgateway.audit.MemoryTree;
import org.consentgateway.audit.NoteSignature;
import org.consentgateway.audit.NoteSigner;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.audit.SignedNote;
import org.consentgateway.witness.Submission.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The witness's rule, as C2SP tlog-witness states it for add-checkpoint. */
class WitnessTest {

  static final String ORIGIN = "consent-gateway.local/audit";
  static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

  @TempDir
  Path data;

  private final NoteSigner log = NoteSigner.generate(ORIGIN);
  private final MemoryTree tree = new MemoryTree();
  private Cosigner cosigner;
  private Witness witness;

  @BeforeEach
  void startWitness() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    cosigner = Cosigner.of("witness.regulator.example", pair.getPrivate(), pair.getPublic());
    witness = newWitness();
  }

  private Witness newWitness() {
    return new Witness(Map.of(ORIGIN, log.verifier()), data, cosigner, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private void grow(int entries) {
    for (int i = 0; i < entries; i++) {
      tree.appendData(("entry " + tree.size()).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The body a log sends: old size, the proof from it, an empty line, the signed checkpoint. */
  static byte[] body(long oldSize, List<Sha256Hash> proof, SignedNote checkpoint) {
    StringBuilder body = new StringBuilder("old ").append(oldSize).append('\n');
    proof.forEach(hash -> body.append(hash.base64()).append('\n'));
    return body.append('\n').append(checkpoint.encode()).toString().getBytes(StandardCharsets.UTF_8);
  }

  private SignedNote checkpoint() {
    return Checkpoint.of(ORIGIN, tree.size(), tree.rootHash()).sign(log);
  }

  private Submission submitFrom(long oldSize) {
    List<Sha256Hash> proof = oldSize == 0 || oldSize == tree.size() ? List.of() : tree.consistencyProof(oldSize, tree.size());
    return witness.submit(body(oldSize, proof, checkpoint()));
  }

  @Test
  void cosignsAFirstCheckpointThenEachConsistentLaterOne() {
    grow(5);
    Submission first = submitFrom(0);
    assertThat(first.outcome()).isEqualTo(Outcome.COSIGNED);
    SignedNote cosigned = SignedNote.parse(checkpoint().encode() + first.text());
    NoteSignature line = cosigned.signatures().get(1);
    assertThat(cosigner.key().cosignedAt(cosigned.textBytes(), line)).contains(NOW);

    grow(7);
    assertThat(submitFrom(5).outcome()).isEqualTo(Outcome.COSIGNED);
    assertThat(witness.latest(ORIGIN)).contains(new CosignedTree(12, tree.rootHash()));
    // The same checkpoint again is cosigned again: nothing moved.
    assertThat(submitFrom(12).outcome()).isEqualTo(Outcome.COSIGNED);
  }

  @Test
  void anOldSizeOtherThanTheOneCosignedIsAConflictNamingIt() {
    grow(5);
    submitFrom(0);
    grow(5);
    Submission stale = submitFrom(3);
    assertThat(stale.outcome()).isEqualTo(Outcome.CONFLICT);
    assertThat(stale.text()).isEqualTo("5");
    assertThat(submitFrom(0)).isEqualTo(Submission.conflict(5));
  }

  @Test
  void aForkSameSizeAnotherRootIsRefusedAndNeverCosigned() {
    grow(8);
    submitFrom(0);
    SignedNote fork = Checkpoint.of(ORIGIN, 8, Sha256Hash.digest("another history".getBytes(StandardCharsets.UTF_8))).sign(log);
    assertThat(witness.submit(body(8, List.of(), fork))).isEqualTo(Submission.conflict(8));
    assertThat(witness.latest(ORIGIN)).contains(new CosignedTree(8, tree.rootHash()));
  }

  @Test
  void aProofThatDoesNotVerifyIs422AndMovesNothing() {
    grow(6);
    submitFrom(0);
    grow(4);
    List<Sha256Hash> proof = new java.util.ArrayList<>(tree.consistencyProof(6, 10));
    proof.set(0, Sha256Hash.digest(new byte[] {9}));
    assertThat(witness.submit(body(6, proof, checkpoint())).outcome()).isEqualTo(Outcome.BAD_PROOF);
    // A forked larger tree: its own proof from a root the witness never saw.
    MemoryTree other = new MemoryTree();
    for (int i = 0; i < 10; i++) {
      other.appendData(("forged " + i).getBytes(StandardCharsets.UTF_8));
    }
    SignedNote forged = Checkpoint.of(ORIGIN, 10, other.rootHash()).sign(log);
    assertThat(witness.submit(body(6, other.consistencyProof(6, 10), forged)).outcome()).isEqualTo(Outcome.BAD_PROOF);
    assertThat(witness.latest(ORIGIN)).contains(new CosignedTree(6, tree.rootHash(6)));
  }

  @Test
  void unknownLogsUnsignedCheckpointsAndBadBodiesAreRefusedAsTheSpecSays() {
    grow(3);
    SignedNote otherLog = Checkpoint.of("other.example/log", 3, tree.rootHash()).sign(NoteSigner.generate("other.example/log"));
    assertThat(witness.submit(body(0, List.of(), otherLog)).outcome()).isEqualTo(Outcome.UNKNOWN_LOG);

    SignedNote notByTheLog = Checkpoint.of(ORIGIN, 3, tree.rootHash()).sign(NoteSigner.generate(ORIGIN));
    assertThat(witness.submit(body(0, List.of(), notByTheLog)).outcome()).isEqualTo(Outcome.NOT_SIGNED_BY_LOG);

    assertThat(witness.submit(body(4, List.of(), checkpoint())).outcome()).isEqualTo(Outcome.BAD_REQUEST);
    assertThat(witness.submit("old 01\n\n".getBytes(StandardCharsets.UTF_8)).outcome()).isEqualTo(Outcome.BAD_REQUEST);
    assertThat(witness.submit("hello".getBytes(StandardCharsets.UTF_8)).outcome()).isEqualTo(Outcome.BAD_REQUEST);
    assertThat(witness.submit(("old 0\nnot base64!\n\n" + checkpoint().encode()).getBytes(StandardCharsets.UTF_8)).outcome())
        .isEqualTo(Outcome.BAD_REQUEST);
    assertThat(witness.latest(ORIGIN)).isEmpty();
  }

  @Test
  void aRestartedWitnessResumesFromWhatItCosigned() {
    grow(4);
    submitFrom(0);
    grow(4);
    submitFrom(4);

    witness = newWitness();
    assertThat(witness.latest(ORIGIN)).contains(new CosignedTree(8, tree.rootHash()));
    assertThat(submitFrom(0)).isEqualTo(Submission.conflict(8));
    grow(1);
    assertThat(submitFrom(8).outcome()).isEqualTo(Outcome.COSIGNED);
  }
}
