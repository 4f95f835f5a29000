package org.consentgateway.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.consentgateway.audit.SignedNoteVector.NOTE;
import static org.consentgateway.audit.SignedNoteVector.SIGNATURE_LINE;
import static org.consentgateway.audit.SignedNoteVector.SIGNER_KEY;
import static org.consentgateway.audit.SignedNoteVector.TEXT;
import static org.consentgateway.audit.SignedNoteVector.VERIFIER_KEY;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference Ed25519 note of {@code test-vectors/signed-note/README.md} (golang.org/x/mod/sumdb/note). */
class SignedNoteTest {

  @Test
  void theConstantsAreThoseOfTheCopiedVector() {
    String readme = TestVectors.read("signed-note/README.md");

    assertThat(readme).contains(VERIFIER_KEY, SIGNER_KEY, SIGNATURE_LINE.strip(),
        TEXT.lines().toList().get(0), TEXT.lines().toList().get(1));
  }

  @Test
  void theSignerReproducesTheReferenceNoteByteForByte() {
    NoteSigner signer = NoteSigner.parse(SIGNER_KEY);

    assertThat(SignedNote.sign(TEXT, signer).encode().getBytes(UTF_8)).isEqualTo(NOTE.getBytes(UTF_8));
    assertThat(signer.verifier().verifierKey()).isEqualTo(VERIFIER_KEY);
    assertThat(signer.keyId()).isEqualTo(0xc74f20a3);
  }

  @Test
  void theVerifierAcceptsTheReferenceNote() {
    SignedNote note = SignedNote.parse(NOTE.getBytes(UTF_8));

    assertThat(note.text()).isEqualTo(TEXT);
    assertThat(note.verify(NoteVerifier.parse(VERIFIER_KEY))).isEqualTo(Verdict.valid());
    assertThat(note.encode()).isEqualTo(NOTE);
  }

  @Test
  void aChangedBodyByteIsRefused() {
    SignedNote note = SignedNote.parse(NOTE.replace("answer", "Answer"));

    assertThat(note.verify(NoteVerifier.parse(VERIFIER_KEY)).failure()).contains(VerifyFailure.BAD_SIGNATURE);
  }

  @Test
  void anotherKeyOfTheSameNameIsRefused() {
    NoteVerifier impostor = NoteSigner.generate("PeterNeumann").verifier();

    assertThat(SignedNote.parse(NOTE).verify(impostor).failure()).contains(VerifyFailure.NO_TRUSTED_SIGNATURE);
  }

  @Test
  void aWrongKeyIdIsRefused() {
    byte[] signature = Base64.getDecoder().decode(SIGNATURE_LINE.strip().substring("\u2014 PeterNeumann ".length()));
    signature[0] ^= 0x01;
    String tampered = TEXT + "\n\u2014 PeterNeumann " + Base64.getEncoder().encodeToString(signature) + "\n";

    assertThat(SignedNote.parse(tampered).verify(NoteVerifier.parse(VERIFIER_KEY)).failure())
        .contains(VerifyFailure.NO_TRUSTED_SIGNATURE);
  }

  @Test
  void aBrokenSignatureOfTheTrustedKeyIsRefused() {
    byte[] signature = Base64.getDecoder().decode(SIGNATURE_LINE.strip().substring("\u2014 PeterNeumann ".length()));
    signature[40] ^= 0x01;
    String tampered = TEXT + "\n\u2014 PeterNeumann " + Base64.getEncoder().encodeToString(signature) + "\n";

    assertThat(SignedNote.parse(tampered).verify(NoteVerifier.parse(VERIFIER_KEY)).failure())
        .contains(VerifyFailure.BAD_SIGNATURE);
  }

  @Test
  void signaturesOfUnknownKeysAreIgnored() {
    NoteSigner witness = NoteSigner.generate("witness.example/w1");
    SignedNote cosigned = SignedNote.parse(NOTE).cosign(witness);
    SignedNote reparsed = SignedNote.parse(cosigned.encode());

    assertThat(reparsed.signatures()).hasSize(2);
    assertThat(reparsed.verify(NoteVerifier.parse(VERIFIER_KEY)).isValid()).isTrue();
    assertThat(reparsed.verify(witness.verifier()).isValid()).isTrue();
  }

  @Test
  void aFreshKeySignsAndVerifies() {
    NoteSigner signer = NoteSigner.generate("consent-gateway.local/audit");
    NoteVerifier verifier = NoteVerifier.parse(signer.verifier().verifierKey());
    SignedNote note = SignedNote.sign("hello\n\nworld\n", signer);

    assertThat(SignedNote.parse(note.encode()).verify(verifier).isValid()).isTrue();
    assertThat(SignedNote.parse(note.encode()).text()).isEqualTo("hello\n\nworld\n");
    assertThat(verifier.publicKey().getEncoded()).isEqualTo(signer.verifier().publicKey().getEncoded());
    assertThat(signer.toString()).doesNotContain("PRIVATE");
  }

  @Test
  void malformedNotesAreRefused() {
    for (String malformed : List.of(
        TEXT + SIGNATURE_LINE,
        NOTE.substring(0, NOTE.length() - 1),
        TEXT + "\n",
        TEXT + "\n- PeterNeumann AAAAAAA=\n",
        TEXT + "\n\u2014 Peter+Neumann AAAAAAA=\n",
        TEXT + "\n\u2014 PeterNeumann AAAA\n",
        TEXT + "\n\u2014 PeterNeumann not base64\n",
        "tab\there\n" + "\n" + SIGNATURE_LINE)) {
      assertThatThrownBy(() -> SignedNote.parse(malformed)).as(malformed).isInstanceOf(AuditFormatException.class);
    }
    assertThatThrownBy(() -> SignedNote.parse(new byte[] {'a', (byte) 0xff, '\n', '\n'}))
        .isInstanceOf(AuditFormatException.class);
  }

  @Test
  void malformedKeysAreRefused() {
    for (String key : List.of(
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3+Ahpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10",
        "PeterNeumann+c74f20a3",
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")) {
      assertThatThrownBy(() -> NoteVerifier.parse(key)).as(key).isInstanceOf(AuditFormatException.class);
    }
    assertThatThrownBy(() -> NoteSigner.parse(SIGNER_KEY.replace("c74f20a3", "c74f20a4")))
        .isInstanceOf(AuditFormatException.class);
  }

  @Test
  void aSignerNeedsOneKeyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    KeyPair one = generator.generateKeyPair();
    KeyPair other = generator.generateKeyPair();

    assertThat(NoteSigner.of("a", one.getPrivate(), one.getPublic()).keyName()).isEqualTo("a");
    assertThatThrownBy(() -> NoteSigner.of("a", one.getPrivate(), other.getPublic()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
