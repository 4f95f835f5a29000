package org.consentgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway policies check} as an operator runs it (in this JVM: {@link GatewayInProcess}). */
class PoliciesCommandTest {

  @TempDir
  Path folder;

  @Test
  void theShippedPoliciesAreValidAndABrokenOneIsNamedByFileAndLine() throws Exception {
    GatewayInProcess gateway = new GatewayInProcess(folder);
    Path broken = Files.createDirectories(folder.resolve("broken"));
    for (String file : new String[] {"purposes.yaml", "grades.yaml", "categories.yaml"}) {
      Files.copy(Path.of("policies", file), broken.resolve(file));
    }
    Files.writeString(broken.resolve("grades.yaml"), Files.readString(broken.resolve("grades.yaml")).replace("subject.name: MASK_NAME", "subject.name: MASK_EVERYTHING"));

    GatewayProcess.Outcome valid = gateway.run(60, "policies", "check");
    GatewayProcess.Outcome invalid = gateway.run(60, "policies", "check", broken.toString());

    assertThat(valid.exitCode()).as(valid.output()).isZero();
    assertThat(valid.output()).contains("policyVersion").contains("DETAIL").contains("sensitive");
    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.output()).containsPattern("error: .*grades\\.yaml:\\d+: unknown action 'MASK_EVERYTHING'");
  }
}
