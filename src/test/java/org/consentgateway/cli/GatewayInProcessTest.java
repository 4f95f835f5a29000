package org.consentgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-JVM command runner other command tests rely on: same configuration, same output as a child. */
class GatewayInProcessTest {

  @TempDir
  Path folder;

  @Test
  void theTestsSettingsReachTheCommandThroughItsConfigFile() throws Exception {
    GatewayProcess.Outcome token = new GatewayInProcess(folder).with("GATEWAY_ISSUER", "https://gateway.test")
        .run(60, "dev", "client-assertion", "--client-id", "91350100M000100Y43", "--key", "keys-example/institution.key.pem");

    assertThat(token.exitCode()).as(token.output()).isZero();
    String lastLine = token.output().lines().filter(line -> !line.isBlank()).reduce((first, second) -> second).orElseThrow();
    assertThat(SignedJWT.parse(lastLine.strip()).getJWTClaimsSet().getAudience())
        .containsExactly("https://gateway.test");
  }

  @Test
  void aFailureIsTheExitCodeAndOneLineAsAChildPrintsIt() throws Exception {
    GatewayProcess.Outcome refused = new GatewayInProcess(folder).run(60, "policies", "check", folder.resolve("none").toString());

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.output().lines()).anyMatch(line -> line.startsWith("error: "));
  }

  @Test
  void onlyConfigurationVariablesOfTheRealEnvironmentWouldOverrideTheFile() {
    assertThat(GatewayInProcess.overridingVariables(Map.of("GATEWAY_DB_URL", "postgresql://elsewhere/db", "GATEWAY_ISSUER", " ",
        "GATEWAY_TEST_DB_URL", "postgresql://test/db", "PATH", "/usr/bin"))).containsExactly("GATEWAY_DB_URL");
  }

  @Test
  void aVariableThatIsNoSettingIsRefused() {
    assertThatThrownBy(() -> new GatewayInProcess(folder).with("GATEWAY_NO_SUCH_SETTING", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GATEWAY_NO_SUCH_SETTING");
  }
}
