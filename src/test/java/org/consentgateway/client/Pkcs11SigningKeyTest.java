package org.consentgateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.TestRegistry;
import org.consentgateway.value.UnifiedSocialCreditCode;
import org.consentgateway.wiring.Gateway;
import org.consentgateway.wiring.GatewayConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * Banks whose keys live in an HSM: a SoftHSM token stands in for the device. The key pairs are
 * generated inside the token, each bank is registered with its public key, and the bank's program
 * ({@link HsmBank}) reaches the token through the JDK's SunPKCS11 provider, gets an access token from
 * a real gateway with client assertions the token signed, and calls {@code GET /v1/whoami} with it.
 * Skipped, naming the package, where SoftHSM is not installed (docs/testing.md).
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Pkcs11SigningKeyTest {

  private static final String EC_BANK = UnifiedSocialCreditCode.of("91350100M00040000").value();
  private static final String RSA_BANK = UnifiedSocialCreditCode.of("91350100M00050000").value();

  private SoftHsmToken token;
  private Gateway gateway;
  private String issuer;

  @BeforeAll
  void start(DatabaseCoordinates database, @TempDir Path folder) throws Exception {
    SoftHsmToken.assumeInstalled();
    token = SoftHsmToken.create(folder);
    try (TestRegistry registry = TestRegistry.open(database)) {
      registry.addInstitution(EC_BANK, "硬件密钥银行", publicKey(SoftHsmToken.EC_ALIAS), List.of("LOAN_APPROVAL"), "SUMMARY");
      registry.addInstitution(RSA_BANK, "硬件RSA银行", publicKey(SoftHsmToken.RSA_ALIAS), List.of("LOAN_APPROVAL"), "SUMMARY");
    }
    int port = TestDatabase.freePort();
    issuer = "http://127.0.0.1:" + port;
    Map<String, String> settings = new HashMap<>(GatewayHttpClient.settings(database));
    settings.putAll(Map.of(ConfigKeys.HTTP_PORT, Integer.toString(port), ConfigKeys.ISSUER, issuer));
    gateway = Gateway.start(GatewayConfig.from(Settings.defaults().with(settings)));
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void anEcKeyThatNeverLeavesTheTokenSignsEs256AndIsTakenForItsBank() throws Exception {
    assertThat(runBank(EC_BANK, SoftHsmToken.EC_ALIAS)).contains("private key bytes readable: false", "signs ES256",
        "whoami 200 ", "\"actor\":\"institution:" + EC_BANK + "\"");
  }

  @Test
  void anRsaKeyThatNeverLeavesTheTokenSignsPs256AndIsTakenForItsBank() throws Exception {
    assertThat(runBank(RSA_BANK, SoftHsmToken.RSA_ALIAS)).contains("private key bytes readable: false", "signs PS256",
        "whoami 200 ", "\"actor\":\"institution:" + RSA_BANK + "\"");
  }

  @Test
  void withoutSoftHsmTheTestsSkipAndNameThePackage() {
    assertThatThrownBy(() -> SoftHsmToken.assumeInstalled(Path.of("/nonexistent/libsofthsm2.so"), Path.of("/nonexistent/softhsm2-util")))
        .isInstanceOf(TestAbortedException.class).hasMessageContaining("/nonexistent/libsofthsm2.so")
        .hasMessageContaining("apt-get install -y softhsm2");
  }

  private ClientKey publicKey(String alias) throws Exception {
    String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(token.publicKey(alias).getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    return ClientKey.parse(pem, "SoftHSM token");
  }

  /** Runs {@link HsmBank} in a JVM whose environment points SoftHSM at this test's token; its output. */
  private String runBank(String bank, String alias) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HsmBank.class.getName(),
        token.pkcs11Config().toString(), issuer, bank, alias).redirectErrorStream(true);
    builder.environment().putAll(token.environment());
    builder.environment().put("BANK_HSM_PIN", SoftHsmToken.PIN);
    Process program = builder.start();
    try {
      String output = new String(program.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(program.waitFor(60, TimeUnit.SECONDS)).as("the bank's program ends").isTrue();
      assertThat(program.exitValue()).as(output).isZero();
      return output;
    } finally {
      program.destroyForcibly();
    }
  }
}
