package org.consentgateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PemFilesTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void writesAndReadsBackEveryKeyType(KeyType type) throws Exception {
    KeyPair pair = type.generateKeyPair();
    Path privateFile = dir.resolve("party.key.pem");
    Path publicFile = dir.resolve("party.pub.pem");

    PemFiles.writePrivateKey(privateFile, pair.getPrivate());
    PemFiles.writePublicKey(publicFile, pair.getPublic());
    PrivateKey privateKey = PemFiles.readPrivateKey(privateFile);
    PublicKey publicKey = PemFiles.readPublicKey(publicFile);

    assertThat(Files.readString(privateFile)).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(publicFile)).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(privateKey.getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    assertThat(publicKey.getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    assertThat(KeyType.of(privateKey)).contains(type);
    assertThat(KeyType.of(publicKey)).contains(type);
    assertThat(type.isKeyPair(privateKey, publicKey)).isTrue();
  }

  @Test
  void readsKeysMadeByOpenssl() {
    // The Ed25519 example key of RFC 8410 §10.3 and its public key as `openssl pkey -pubout` prints it.
    String privatePem = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
        -----END PRIVATE KEY-----
        """;
    String publicPem = """
        -----BEGIN PUBLIC KEY-----
        MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
        -----END PUBLIC KEY-----
        """;

    PrivateKey privateKey = PemFiles.parsePrivateKey(privatePem, "rfc8410 private");
    PublicKey publicKey = PemFiles.parsePublicKey(publicPem, "rfc8410 public");

    assertThat(KeyType.ED25519.isKeyPair(privateKey, publicKey)).isTrue();
  }

  @Test
  void privateKeysAreOwnerOnlyFromCreation() throws Exception {
    Path file = dir.resolve("k.key.pem");
    PemFiles.writePrivateKey(file, KeyType.EC_P256.generateKeyPair().getPrivate());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void refusesToOverwrite() throws Exception {
    Path file = dir.resolve("k.pub.pem");
    Files.writeString(file, "precious");

    assertThatThrownBy(() -> PemFiles.writePublicKey(file, KeyType.EC_P256.generateKeyPair().getPublic()))
        .isInstanceOf(KeyFileException.class)
        .hasMessage(file + ": already exists; refusing to overwrite a key file");
    assertThat(Files.readString(file)).isEqualTo("precious");
  }

  @Test
  void namesAMissingFile() {
    Path file = dir.resolve("absent.key.pem");

    assertThatThrownBy(() -> PemFiles.readPrivateKey(file)).isInstanceOf(KeyFileException.class).hasMessage(file + ": missing");
  }

  @Test
  void namesAFileThatIsNotPem() throws Exception {
    Path file = dir.resolve("notes.key.pem");
    Files.writeString(file, "hello\n");

    assertThatThrownBy(() -> PemFiles.readPrivateKey(file))
        .hasMessage(file + ": is not a PEM private key (no -----BEGIN ...----- block found)");
  }

  @Test
  void namesAFileWithBrokenContent() throws Exception {
    Path file = dir.resolve("broken.pub.pem");
    Files.writeString(file, "-----BEGIN PUBLIC KEY-----\nnot base64 at all!\n-----END PUBLIC KEY-----\n");

    assertThatThrownBy(() -> PemFiles.readPublicKey(file))
        .isInstanceOf(KeyFileException.class)
        .hasMessageStartingWith(file + ": is not a PEM public key");
  }

  @Test
  void saysWhenAPublicKeyStandsWhereAPrivateKeyShould() throws Exception {
    Path file = dir.resolve("swapped.key.pem");
    PemFiles.writePublicKey(file, KeyType.EC_P256.generateKeyPair().getPublic());

    assertThatThrownBy(() -> PemFiles.readPrivateKey(file))
        .hasMessage(file + ": is not a PEM private key (it holds a public key; expected -----BEGIN PRIVATE KEY-----)");
  }

  @Test
  void explainsHowToConvertATraditionalEcKey() {
    // `openssl ecparam -genkey -name prime256v1` writes SEC 1, not PKCS#8.
    String sec1 = """
        -----BEGIN EC PRIVATE KEY-----
        MHcCAQEEIGeGR84IMYKwWeu1ejBPxRDiRgYOcKa3pncxAYQE5Kq2oAoGCCqGSM49
        AwEHoUQDQgAEBhVDc0l3mGLp8Lfh3M+w/HBcfglQaUQz07In4/QeN3wKfsiah3Ac
        bbV4DXqTrycutZzKY7kDN1cVELq8zhvtXw==
        -----END EC PRIVATE KEY-----
        """;

    assertThatThrownBy(() -> PemFiles.parsePrivateKey(sec1, "old.key.pem"))
        .hasMessageStartingWith("old.key.pem: holds a traditional (PKCS#1 or SEC 1) private key")
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
  }
}
