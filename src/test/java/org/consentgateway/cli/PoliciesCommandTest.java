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

    Path badSignals = Files.createDirectories(folder.resolve("bad-signals"));
    for (String file : new String[] {"purposes.yaml", "grades.yaml", "categories.yaml"}) {
      Files.copy(Path.of("policies", file), badSignals.resolve(file));
    }
    Files.writeString(badSignals.resolve("signals.yaml"), Files.readString(Path.of("policies", "signals.yaml")).replace("factor: 3.0", "factor: 0.5"));

    GatewayProcess.Outcome valid = gateway.run(60, "policies", "check");
    GatewayProcess.Outcome invalid = gateway.run(60, "policies", "check", broken.toString());
    GatewayProcess.Outcome invalidSignals = gateway.run(60, "policies", "check", badSignals.toString());

    assertThat(valid.exitCode()).as(valid.output()).isZero();
    assertThat(valid.output()).contains("policyVersion").contains("DETAIL").contains("sensitive").contains("signals: signals.yaml");
    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.output()).containsPattern("error: .*grades\\.yaml:\\d+: unknown action 'MASK_EVERYTHING'");
    assertThat(invalidSignals.exitCode()).isEqualTo(1);
    assertThat(invalidSignals.output()).containsPattern("error: .*signals\\.yaml:\\d+: factor must be more than 1\\.0");
  }
}
