package org.consentgateway.client;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bank whose key lives in an HSM: a SoftHSM token stands in for the device. The key pair is
 * generated inside the token, the bank is registered with its public key, and the bank's program
 * ({@link HsmBank}) reaches the token through the JDK's SunPKCS11 provider, gets an access token from
 * a real gateway with client assertions the token signed, and calls {@code GET /v1/whoami} with it.
 * Skipped, naming the package, where SoftHSM is not installed (docs/testing.md).
 */
@ExtendWith(TestDatabase.class)
class Pkcs11SigningKeyTest {

  private static final String HSM_BANK = UnifiedSocialCreditCode.of("91350100M00040000").value();

  @Test
  void aKeyThatNeverLeavesTheTokenGetsATokenAndIsTakenForItsBank(DatabaseCoordinates database, @TempDir Path folder)
      throws Exception {
    SoftHsmToken.assumeInstalled();
    SoftHsmToken token = SoftHsmToken.create(folder);
    try (TestRegistry registry = TestRegistry.open(database)) {
      registry.addInstitution(HSM_BANK, "硬件密钥银行", publicKeyPem(token), List.of("LOAN_APPROVAL"), "SUMMARY");
    }
    int port = TestDatabase.freePort();
    String issuer = "http://127.0.0.1:" + port;
    Map<String, String> settings = new HashMap<>(GatewayHttpClient.settings(database));
    settings.putAll(Map.of(ConfigKeys.HTTP_PORT, Integer.toString(port), ConfigKeys.ISSUER, issuer));

    String output;
    try (Gateway gateway = Gateway.start(GatewayConfig.from(Settings.defaults().with(settings)))) {
      output = runBank(token, issuer);
    }

    assertThat(output).contains("private key bytes readable: false")
        .contains("whoami 200 ").contains("\"actor\":\"institution:" + HSM_BANK + "\"");
  }

  private static ClientKey publicKeyPem(SoftHsmToken token) throws Exception {
    String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(token.publicKey().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    return ClientKey.parse(pem, "SoftHSM token");
  }

  /** Runs {@link HsmBank} in a JVM whose environment points SoftHSM at the test's token; its output. */
  private static String runBank(SoftHsmToken token, String issuer) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HsmBank.class.getName(),
        token.pkcs11Config().toString(), issuer, HSM_BANK).redirectErrorStream(true);
    builder.environment().putAll(token.environment());
    builder.environment().put("BANK_HSM_PIN", SoftHsmToken.PIN);
    Process bank = builder.start();
    try {
      String output = new String(bank.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(bank.waitFor(60, TimeUnit.SECONDS)).as("the bank's program ends").isTrue();
      assertThat(bank.exitValue()).as(output).isZero();
      return output;
    } finally {
      bank.destroyForcibly();
    }
  }
}
