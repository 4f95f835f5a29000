package org.consentgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A reader's witness policy: the log's key, witnesses, groups and a quorum. */
class WitnessPolicyTest {

  private final NoteSigner log = NoteSigner.generate("consent-gateway.local/audit");
  private final Cosigner regulator = CosignatureTest.cosigner("witness.regulator.example");
  private final Cosigner bureau = CosignatureTest.cosigner("witness.bureau.example");
  private final Cosigner auditor = CosignatureTest.cosigner("witness.auditor.example");
  private final SignedNote checkpoint = Checkpoint.of("consent-gateway.local/audit", 10,
      Sha256Hash.digest(new byte[] {1})).sign(log);

  private WitnessPolicy policy(String quorum) {
    return WitnessPolicy.parse("""
        # the regulator's policy
        log %s
        witness regulator %s https://witness.regulator.example
        witness bureau %s
        witness auditor %s
        group two-of-three 2 regulator bureau auditor
        group regulator-and-one all regulator two-of-three
        quorum %s
        """.formatted(log.verifier().verifierKey(), regulator.key().vkey(), bureau.key().vkey(), auditor.key().vkey(), quorum));
  }

  private SignedNote cosignedBy(Cosigner... witnesses) {
    SignedNote note = checkpoint;
    for (Cosigner witness : witnesses) {
      java.util.List<NoteSignature> lines = new java.util.ArrayList<>(note.signatures());
      lines.add(witness.cosign(note.textBytes(), Instant.ofEpochSecond(1_800_000_000L)));
      note = new SignedNote(note.text(), lines);
    }
    return note;
  }

  @Test
  void aQuorumOfValidCosignaturesPasses() {
    assertThat(policy("two-of-three").verify(cosignedBy(regulator, auditor)).isValid()).isTrue();
    assertThat(policy("regulator-and-one").verify(cosignedBy(bureau, regulator)).isValid()).isTrue();
    assertThat(policy("none").verify(checkpoint).isValid()).isTrue();
    assertThat(policy("two-of-three").urls()).containsEntry("regulator", "https://witness.regulator.example");
  }

  @Test
  void aMissingCosignatureFailsNamingWhoIsMissing() {
    Verdict verdict = policy("two-of-three").verify(cosignedBy(bureau));
    assertThat(verdict.failure()).contains(VerifyFailure.NO_QUORUM);
    assertThat(verdict.detail()).contains("cosigned by bureau").contains("missing regulator, auditor");

    assertThat(policy("regulator-and-one").verify(cosignedBy(bureau, auditor)).failure()).contains(VerifyFailure.NO_QUORUM);
  }

  @Test
  void anInvalidCosignatureFailsNamingTheWitness() {
    SignedNote good = cosignedBy(regulator, bureau, auditor);
    java.util.List<NoteSignature> lines = new java.util.ArrayList<>(good.signatures());
    NoteSignature bureauLine = lines.get(2);
    byte[] broken = bureauLine.signature();
    broken[20] ^= 1;
    lines.set(2, new NoteSignature(bureauLine.keyName(), bureauLine.keyId(), broken));

    Verdict verdict = policy("two-of-three").verify(new SignedNote(good.text(), lines));
    assertThat(verdict.failure()).contains(VerifyFailure.BAD_COSIGNATURE);
    assertThat(verdict.detail()).contains("witness bureau");
  }

  @Test
  void theLogsOwnSignatureIsStillRequired() {
    SignedNote unsignedByLog = new SignedNote(checkpoint.text(),
        java.util.List.of(regulator.cosign(checkpoint.textBytes(), Instant.EPOCH), bureau.cosign(checkpoint.textBytes(), Instant.EPOCH)));
    assertThat(policy("two-of-three").verify(unsignedByLog).failure()).contains(VerifyFailure.NO_TRUSTED_SIGNATURE);
  }

  @Test
  void aMalformedPolicyIsRefusedNamingTheLine() {
    assertThatThrownBy(() -> WitnessPolicy.parse("log " + log.verifier().verifierKey() + "\ngroup g 2 nobody\nquorum g\n"))
        .isInstanceOf(AuditFormatException.class).hasMessageContaining("line 2").hasMessageContaining("unknown member");
    assertThatThrownBy(() -> WitnessPolicy.parse("log " + log.verifier().verifierKey() + "\nquorum someone\n"))
        .isInstanceOf(AuditFormatException.class).hasMessageContaining("someone");
    assertThatThrownBy(() -> WitnessPolicy.parse("witness w " + regulator.key().vkey() + "\nquorum w\n"))
        .isInstanceOf(AuditFormatException.class).hasMessageContaining("names the log");
    assertThatThrownBy(() -> WitnessPolicy.parse("log " + log.verifier().verifierKey() + "\nwitness w " + regulator.key().vkey()
        + "\ngroup g 3 w\nquorum g\n")).isInstanceOf(AuditFormatException.class).hasMessageContaining("line 3");
  }
}
