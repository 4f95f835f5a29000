package org.consentgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Witness cosignatures as C2SP tlog-cosignature defines them (Ed25519, {@code cosignature/v1}). */
class CosignatureTest {

  private static final String CHECKPOINT = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
  private static final Instant TIME = Instant.ofEpochSecond(1679315147);

  @Test
  void aCosignatureSignsTheHeaderTheTimeAndTheCheckpointWithAKeyIdOfType4() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Cosigner cosigner = Cosigner.of("witness.example.com/w1", pair.getPrivate(), pair.getPublic());
    NoteSignature line = cosigner.cosign(CHECKPOINT.getBytes(StandardCharsets.UTF_8), TIME);

    byte[] raw = NoteKeys.rawPublicKey(pair.getPublic());
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    digest.update("witness.example.com/w1\n".getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0x04);
    byte[] id = Arrays.copyOf(digest.digest(raw), 4);
    assertThat(line.keyId()).isEqualTo(ByteBuffer.wrap(id).getInt());

    // The line's bytes: the 8-byte big-endian timestamp, then Ed25519 over the spec's message.
    byte[] bytes = line.signature();
    assertThat(bytes).hasSize(72);
    assertThat(ByteBuffer.wrap(bytes).getLong()).isEqualTo(1679315147L);
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(pair.getPublic());
    verifier.update(("cosignature/v1\ntime 1679315147\n" + CHECKPOINT).getBytes(StandardCharsets.UTF_8));
    assertThat(verifier.verify(Arrays.copyOfRange(bytes, 8, 72))).isTrue();

    assertThat(cosigner.key().cosignedAt(CHECKPOINT.getBytes(StandardCharsets.UTF_8), line)).contains(TIME);
  }

  @Test
  void theVerifierKeyRoundTripsAndIsRefusedWithAnotherTypeOrId() {
    Cosigner cosigner = cosigner("witness.example/w2");
    String vkey = cosigner.key().vkey();
    assertThat(CosignerKey.parse(vkey)).isEqualTo(cosigner.key());
    assertThat(vkey).startsWith("witness.example/w2+");

    String logKey = NoteSigner.generate("witness.example/w2").verifier().verifierKey();
    assertThatThrownBy(() -> CosignerKey.parse(logKey)).isInstanceOf(AuditFormatException.class).hasMessageContaining("type 0x04");
    String wrongId = vkey.replaceFirst("\\+[0-9a-f]{8}\\+", "+00000000+");
    assertThatThrownBy(() -> CosignerKey.parse(wrongId)).isInstanceOf(AuditFormatException.class).hasMessageContaining("key id");
  }

  @Test
  void aChangedCheckpointTimeOrSignatureDoesNotVerify() {
    Cosigner cosigner = cosigner("w");
    byte[] text = CHECKPOINT.getBytes(StandardCharsets.UTF_8);
    NoteSignature line = cosigner.cosign(text, TIME);

    byte[] otherText = CHECKPOINT.replace("20852163", "20852164").getBytes(StandardCharsets.UTF_8);
    assertThat(cosigner.key().cosignedAt(otherText, line)).isEmpty();

    byte[] laterTime = line.signature();
    laterTime[7]++;
    assertThat(cosigner.key().cosignedAt(text, new NoteSignature("w", line.keyId(), laterTime))).isEmpty();

    byte[] flipped = line.signature();
    flipped[40] ^= 1;
    assertThat(cosigner.key().cosignedAt(text, new NoteSignature("w", line.keyId(), flipped))).isEmpty();

    // A log signature (type 1, 64 bytes) of the same name is not a cosignature.
    assertThat(cosigner.key().cosignedAt(text, NoteSigner.generate("w").sign(text))).isEmpty();
  }

  @Test
  void aWitnessKeyFromAPemFileNeedsNoPublicKeyBesideIt() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    assertThat(Cosigner.of("w", pair.getPrivate()).key()).isEqualTo(Cosigner.of("w", pair.getPrivate(), pair.getPublic()).key());
  }

  static Cosigner cosigner(String name) {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      return Cosigner.of(name, pair.getPrivate(), pair.getPublic());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
