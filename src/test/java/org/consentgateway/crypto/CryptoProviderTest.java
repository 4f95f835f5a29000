package org.consentgateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

/**
 * The native provider, where it loads, answers first and speaks the same P-256 as the JDK: a
 * signature made by one verifies under the other, so nothing signed before it was installed (or
 * by an institution's stock library) reads differently after.
 */
class CryptoProviderTest {

  private static final byte[] MESSAGE = "consent token bytes".getBytes(StandardCharsets.US_ASCII);

  @Test
  void theProviderInUseAnswersFirstAndSaysWhyWhenItIsNotTheNativeOne() {
    CryptoProvider provider = CryptoProvider.installFastest();

    assertThat(Security.getProviders()[0].getName()).isEqualTo(provider.name());
    assertThat(provider.fallbackReason().isEmpty()).isEqualTo(provider.nativeCode());
    assertThat(CryptoProvider.installFastest()).as("installing twice changes nothing").isEqualTo(provider);
  }

  @Test
  void nativeOnLinuxX8664() {
    boolean linuxX86 = System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64");

    assertThat(CryptoProvider.installFastest().nativeCode()).isEqualTo(linuxX86);
  }

  @Test
  void p256SignaturesCrossBetweenTheJdkAndTheProviderInUse() throws Exception {
    CryptoProvider.installFastest();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();

    Signature jdk = Signature.getInstance("SHA256withECDSA", "SunEC");
    jdk.initSign(keys.getPrivate());
    jdk.update(MESSAGE);
    byte[] byJdk = jdk.sign();
    Signature inUse = Signature.getInstance("SHA256withECDSA");
    inUse.initVerify(keys.getPublic());
    inUse.update(MESSAGE);
    assertThat(inUse.verify(byJdk)).isTrue();

    inUse.initSign(keys.getPrivate());
    inUse.update(MESSAGE);
    byte[] byProvider = inUse.sign();
    jdk.initVerify(keys.getPublic());
    jdk.update(MESSAGE);
    assertThat(jdk.verify(byProvider)).isTrue();
  }
}
