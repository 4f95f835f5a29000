package org.consentgateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The bank's key: EC P-256 signs ES256, RSA PS256; anything else is refused when the key is read, not at the first request. */
class ClientSigningKeyTest {

  @Test
  void anRsaPemSignsPs256() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    assertThat(ClientSigningKey.fromPem(pem).algorithm()).isEqualTo(JWSAlgorithm.PS256);
  }

  @Test
  void anEcKeyOffP256IsRefused() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
    assertThatThrownBy(() -> ClientSigningKey.of(ec.generateKeyPair().getPrivate())).isInstanceOf(ClientKeyException.class)
        .hasMessageContaining("P-256");
  }

  @Test
  void aPemThatIsNotPkcs8IsRefusedWithTheWayToConvertIt() {
    assertThatThrownBy(() -> ClientSigningKey.fromPem("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"))
        .isInstanceOf(ClientKeyException.class).hasMessageContaining("openssl pkcs8");
  }
}
