package org.consentgateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.stream.Stream;
import org.consentgateway.value.ResidentIdNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayKeysTest {

  private static final ResidentIdNumber ID = ResidentIdNumber.parse("11010519491231002X");
  private static final byte[] AAD = "row 1".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void generatesASetThatLoadsBack() throws Exception {
    KeySetGenerator.generate(dir);

    GatewayKeys keys = GatewayKeys.load(dir);

    assertThat(keys.isDemo()).isFalse();
    assertThat(KeyType.of(keys.signingKeyPair().getPrivate())).contains(KeyType.EC_P256);
    assertThat(KeyType.of(keys.checkpointKeyPair().getPublic())).contains(KeyType.ED25519);
    for (KeyParty party : KeyParty.values()) {
      assertThat(KeyType.of(keys.publicKey(party))).contains(party.keyType());
      assertThat(keys.privateKey(party)).isPresent();
    }
    assertThat(keys.publicKey("regulator")).isEqualTo(keys.publicKey(KeyParty.REGULATOR));
    assertThat(keys.recordCipher().currentKeyId()).isEqualTo("k1");
    assertThat(keys.recordCipher().decrypt(keys.recordCipher().encrypt(new byte[] {42}, AAD), AAD)).containsExactly(42);
    assertThat(keys.pseudonymizer().subjectRef(ID)).isEqualTo(GatewayKeys.load(dir).pseudonymizer().subjectRef(ID));
  }

  @Test
  void theSigningKeySignsES256() throws Exception {
    KeySetGenerator.generate(dir);
    GatewayKeys keys = GatewayKeys.load(dir);

    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(keys.signingKeyPair().getPrivate());
    signer.update(AAD);
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(keys.publicKey(KeyParty.GATEWAY_SIGNING));
    verifier.update(AAD);

    assertThat(verifier.verify(signer.sign())).isTrue();
  }

  @Test
  void twoGeneratedSetsDiffer() {
    Path other = dir.resolve("other");
    KeySetGenerator.generate(dir.resolve("one"));
    KeySetGenerator.generate(other);

    assertThat(GatewayKeys.load(dir.resolve("one")).pseudonymizer().subjectRef(ID))
        .isNotEqualTo(GatewayKeys.load(other).pseudonymizer().subjectRef(ID));
  }

  @Test
  void privateFilesAndSecretsAreOwnerOnly() throws Exception {
    Path keysDir = dir.resolve("keys");
    KeySetGenerator.generate(keysDir);

    assertThat(mode(keysDir)).isEqualTo("rwx------");
    for (KeyParty party : KeyParty.values()) {
      assertThat(mode(keysDir.resolve(party.privateKeyFileName()))).as(party.privateKeyFileName()).isEqualTo("rw-------");
      assertThat(mode(keysDir.resolve(party.publicKeyFileName()))).as(party.publicKeyFileName()).isEqualTo("rw-r--r--");
    }
    assertThat(mode(keysDir.resolve("pseudonym.secret"))).isEqualTo("rw-------");
    assertThat(mode(keysDir.resolve("data-encryption.secrets"))).isEqualTo("rw-------");
    assertThat(keysDir.resolve(GatewayKeys.DEMO_MARKER)).doesNotExist();
  }

  @Test
  void refusesToOverwriteAndWritesNothing() throws Exception {
    Path existing = dir.resolve("pseudonym.secret");
    Files.writeString(existing, "precious\n");

    assertThatThrownBy(() -> KeySetGenerator.generate(dir))
        .isInstanceOf(KeyFileException.class)
        .hasMessageStartingWith(existing + ": already exists; refusing to overwrite");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(existing);
    }
  }

  @Test
  void namesAMissingFile() throws Exception {
    KeySetGenerator.generate(dir);
    Path missing = dir.resolve("institution.pub.pem");
    Files.delete(missing);

    assertThatThrownBy(() -> GatewayKeys.load(dir)).isInstanceOf(KeyFileException.class).hasMessage(missing + ": missing");
  }

  @Test
  void namesAMalformedPemFile() throws Exception {
    KeySetGenerator.generate(dir);
    Path broken = dir.resolve("checkpoint.key.pem");
    Files.writeString(broken, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

    assertThatThrownBy(() -> GatewayKeys.load(dir))
        .isInstanceOf(KeyFileException.class)
        .hasMessageStartingWith(broken + ": is not a PEM private key");
  }

  @Test
  void rejectsASigningKeyOfTheWrongType() throws Exception {
    KeySetGenerator.generate(dir);
    swapPair("gateway-signing", KeyType.ED25519);

    assertThatThrownBy(() -> GatewayKeys.load(dir))
        .hasMessage(dir.resolve("gateway-signing.pub.pem") + ": must hold a key of type EC P-256 for gateway-signing, found Ed25519");
  }

  @Test
  void rejectsACheckpointKeyOfTheWrongType() throws Exception {
    KeySetGenerator.generate(dir);
    swapPair("checkpoint", KeyType.EC_P256);

    assertThatThrownBy(() -> GatewayKeys.load(dir))
        .hasMessage(dir.resolve("checkpoint.pub.pem") + ": must hold a key of type Ed25519 for checkpoint, found EC P-256");
  }

  @Test
  void rejectsAPrivateKeyThatDoesNotMatchItsPublicKey() throws Exception {
    KeySetGenerator.generate(dir);
    Path privateFile = dir.resolve("gateway-signing.key.pem");
    Files.delete(privateFile);
    PemFiles.writePrivateKey(privateFile, KeyType.EC_P256.generateKeyPair().getPrivate());

    assertThatThrownBy(() -> GatewayKeys.load(dir))
        .hasMessage(privateFile + ": does not belong to gateway-signing.pub.pem (the two files are not one key pair)");
  }

  @Test
  void theOtherPartiesPrivateKeysAreOptional() throws Exception {
    KeySetGenerator.generate(dir);
    Files.delete(dir.resolve("institution.key.pem"));

    GatewayKeys keys = GatewayKeys.load(dir);

    assertThat(keys.privateKey("institution")).isEmpty();
    assertThat(keys.privateKey("regulator")).isPresent();
    assertThatThrownBy(() -> keys.publicKey("bank")).hasMessageStartingWith("unknown key party \"bank\"");
  }

  @Test
  void theGatewaysOwnPrivateKeysAreRequired() throws Exception {
    KeySetGenerator.generate(dir);
    Files.delete(dir.resolve("checkpoint.key.pem"));

    assertThatThrownBy(() -> GatewayKeys.load(dir)).hasMessage(dir.resolve("checkpoint.key.pem") + ": missing");
  }

  @Test
  void rejectsAShortPseudonymSecret() throws Exception {
    KeySetGenerator.generate(dir);
    Path secret = dir.resolve("pseudonym.secret");
    Files.writeString(secret, Base64.getEncoder().encodeToString(new byte[16]) + "\n");

    assertThatThrownBy(() -> GatewayKeys.load(dir)).hasMessage(secret + ": secret must be 32 bytes, was 16");
  }

  @Test
  void theLastDataKeyIsCurrentAndEarlierOnesStillDecrypt() throws Exception {
    KeySetGenerator.generate(dir);
    byte[] oldRow = GatewayKeys.load(dir).recordCipher().encrypt(new byte[] {7}, AAD);
    Path secrets = dir.resolve("data-encryption.secrets");
    Files.writeString(secrets, Files.readString(secrets) + "\n# rotated\nk2 " + Base64.getEncoder().encodeToString(new byte[32]) + "\n");

    RecordCipher rotated = GatewayKeys.load(dir).recordCipher();

    assertThat(rotated.currentKeyId()).isEqualTo("k2");
    assertThat(rotated.decrypt(oldRow, AAD)).containsExactly(7);
  }

  @Test
  void namesTheBadLineOfTheDataKeys() throws Exception {
    KeySetGenerator.generate(dir);
    Path secrets = dir.resolve("data-encryption.secrets");
    String text = Files.readString(secrets);
    int lines = (int) text.lines().count();
    Files.writeString(secrets, text + "k1 " + Base64.getEncoder().encodeToString(new byte[32]) + "\n");

    assertThatThrownBy(() -> GatewayKeys.load(dir)).hasMessage(secrets + ": line " + (lines + 1) + ": key id k1 appears twice");
  }

  @Test
  void namesAMissingFolder() {
    Path absent = dir.resolve("absent");

    assertThatThrownBy(() -> GatewayKeys.load(absent)).hasMessageStartingWith(absent + ": key folder is missing");
  }

  @Test
  void isDemoWhenTheMarkerIsPresent() throws Exception {
    KeySetGenerator.generate(dir);
    Files.writeString(dir.resolve(GatewayKeys.DEMO_MARKER), "demo\n");

    assertThat(GatewayKeys.load(dir).isDemo()).isTrue();
  }

  @Test
  void anEphemeralSetIsCompleteAndNotDemo() {
    GatewayKeys keys = GatewayKeys.ephemeral();

    assertThat(keys.isDemo()).isFalse();
    assertThat(keys.keyPair(KeyParty.INSTITUTION)).isPresent();
    assertThat(keys.toString()).doesNotContain("BEGIN");
  }

  private void swapPair(String party, KeyType type) throws Exception {
    Files.delete(dir.resolve(party + ".key.pem"));
    Files.delete(dir.resolve(party + ".pub.pem"));
    KeyPair pair = type.generateKeyPair();
    PemFiles.writePrivateKey(dir.resolve(party + ".key.pem"), pair.getPrivate());
    PemFiles.writePublicKey(dir.resolve(party + ".pub.pem"), pair.getPublic());
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
