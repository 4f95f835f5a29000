package org.consentgateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.consentgateway.crypto.KeyFileException;
import org.consentgateway.crypto.PemFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientKeyTest {

  private static final Path DEMO_INSTITUTION_KEY = Path.of("keys-example", "institution.pub.pem");

  @TempDir
  Path dir;

  @Test
  void readsAnEcP256PublicKeyInPem() throws Exception {
    ClientKey key = ClientKey.read(DEMO_INSTITUTION_KEY);

    ECKey expected = new ECKey.Builder(Curve.P_256, (ECPublicKey) PemFiles.readPublicKey(DEMO_INSTITUTION_KEY)).build();
    assertThat(key.jwk()).isInstanceOf(ECKey.class);
    assertThat(key.type()).isEqualTo("EC P-256");
    assertThat(key.thumbprint()).isEqualTo(expected.computeThumbprint().toString()).hasSize(43);
    assertThat(key.jwk().getKeyID()).isEqualTo(key.thumbprint());
    assertThat(key.jwk().isPrivate()).isFalse();
  }

  @Test
  void readsAnRsa2048PublicKeyInPem() throws Exception {
    KeyPair pair = rsa(2048);

    ClientKey key = ClientKey.parse(PemFiles.toPem(pair.getPublic()), "bank-rsa.pem");

    assertThat(key.type()).isEqualTo("RSA 2048");
    assertThat(((RSAKey) key.jwk()).toRSAPublicKey()).isEqualTo(pair.getPublic());
  }

  @Test
  void readsAnEcJwkAndKeepsOnlyTheKeyParameters() throws Exception {
    KeyPair pair = ec("secp256r1");
    String jwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).keyID("bank-2026").keyUse(KeyUse.SIGNATURE)
        .build().toJSONString();
    Path file = Files.writeString(dir.resolve("bank.jwk.json"), jwk);

    ClientKey key = ClientKey.read(file);

    assertThat(key).isEqualTo(ClientKey.parse(PemFiles.toPem(pair.getPublic()), "same key as PEM"));
    assertThat(key.jwk().getKeyID()).isEqualTo(key.thumbprint());
    assertThat(key.jwk().getKeyUse()).isNull();
  }

  @Test
  void readsASingleKeyJwkSet() throws Exception {
    String jwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) ec("secp256r1").getPublic()).build().toJSONString();

    ClientKey key = ClientKey.parse("{\"keys\": [" + jwk + "]}", "bank.jwks.json");

    assertThat(key.jwk().toJSONObject()).containsEntry("crv", "P-256");
  }

  @Test
  void jsonRoundTripsWithTheThumbprintAsKid() {
    ClientKey key = ClientKey.read(DEMO_INSTITUTION_KEY);

    String json = key.toJson();

    assertThat(json).contains("\"kid\":\"" + key.thumbprint() + "\"").doesNotContain("\"d\"");
    assertThat(ClientKey.fromJson(json)).isEqualTo(key);
  }

  @Test
  void refusesRsaBelow2048Bits() throws Exception {
    String pem = PemFiles.toPem(rsa(1024).getPublic());

    assertThatThrownBy(() -> ClientKey.parse(pem, "weak.pem"))
        .isInstanceOf(KeyFileException.class)
        .hasMessage("weak.pem: is an RSA key of 1024 bits; the gateway accepts EC P-256 or RSA of at least 2048 bits");
  }

  @Test
  void refusesOtherCurves() throws Exception {
    String pem = PemFiles.toPem(ec("secp384r1").getPublic());
    String jwk = new ECKey.Builder(Curve.P_384, (ECPublicKey) ec("secp384r1").getPublic()).build().toJSONString();

    assertThatThrownBy(() -> ClientKey.parse(pem, "p384.pem")).hasMessageStartingWith("p384.pem: is an EC key on curve P-384");
    assertThatThrownBy(() -> ClientKey.parse(jwk, "p384.json")).hasMessageStartingWith("p384.json: is an EC key on curve P-384");
  }

  @Test
  void refusesEd25519() {
    assertThatThrownBy(() -> ClientKey.read(Path.of("keys-example", "checkpoint.pub.pem")))
        .hasMessageContaining("checkpoint.pub.pem: is a key of type EdDSA; the gateway accepts EC P-256 or RSA");
  }

  @Test
  void refusesASymmetricKey() throws Exception {
    String oct = new OctetSequenceKeyGenerator(256).generate().toJSONString();

    assertThatThrownBy(() -> ClientKey.parse(oct, "secret.json"))
        .isInstanceOf(KeyFileException.class)
        .hasMessageStartingWith("secret.json: is a symmetric (oct) key");
  }

  @Test
  void refusesAPrivateJwkSayingToRegisterOnlyThePublicKey() throws Exception {
    KeyPair pair = ec("secp256r1");
    String privateJwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).privateKey(pair.getPrivate()).build()
        .toJSONString();
    Path file = Files.writeString(dir.resolve("oops.json"), privateJwk);

    assertThatThrownBy(() -> ClientKey.read(file))
        .hasMessage(file + ": contains a private key; register only the public key");
  }

  @Test
  void refusesAPrivatePemSayingToRegisterOnlyThePublicKey() throws Exception {
    String pem = PemFiles.toPem(ec("secp256r1").getPrivate());

    assertThatThrownBy(() -> ClientKey.parse(pem, "bank.key.pem"))
        .hasMessageStartingWith("bank.key.pem: contains a private key; register only the public key");
  }

  @Test
  void refusesGarbageNamingTheFile() throws Exception {
    Path garbage = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a key");
    Path badJson = Files.writeString(dir.resolve("bad.json"), "{\"kty\": \"EC\", \"crv\": \"P-256\"}");

    assertThatThrownBy(() -> ClientKey.read(garbage))
        .hasMessage(garbage + ": is neither a PEM public key (-----BEGIN PUBLIC KEY-----) nor a JWK (a JSON object)");
    assertThatThrownBy(() -> ClientKey.read(badJson)).hasMessageStartingWith(badJson + ": is not a valid JWK");
    assertThatThrownBy(() -> ClientKey.read(dir.resolve("missing.pem"))).hasMessage(dir.resolve("missing.pem") + ": missing");
  }

  @Test
  void aKeyBuiltDirectlyIsCheckedToo() throws Exception {
    KeyPair pair = rsa(2048);
    JWK privateKey = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate()).build();

    assertThatThrownBy(() -> new ClientKey(privateKey)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the key contains a private key; register only the public key");
  }

  private static KeyPair ec(String curve) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return generator.generateKeyPair();
  }

  private static KeyPair rsa(int bits) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    return generator.generateKeyPair();
  }
}
