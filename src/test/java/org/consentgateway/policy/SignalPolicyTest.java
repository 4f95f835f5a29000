package org.consentgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code signals.yaml}: optional, the shipped file says exactly the defaults, a bad value stops loading at its line. */
class SignalPolicyTest {

  private static final Path SHIPPED = Path.of("policies");

  @TempDir
  Path folder;

  @Test
  void theShippedFileHoldsTheDefaults() {
    assertThat(SignalPolicy.load(SHIPPED)).isEqualTo(SignalPolicy.defaults());
  }

  @Test
  void aFolderWithoutTheFileGetsTheDefaults() {
    assertThat(SignalPolicy.load(folder)).isEqualTo(SignalPolicy.defaults());
  }

  @Test
  void aChangedThresholdIsRead() throws IOException {
    write(shipped().replace("min-rate: 0.3", "min-rate: 0.25"));

    assertThat(SignalPolicy.load(folder).refusalRate().minRate()).isEqualTo(0.25);
  }

  @Test
  void aBadValueIsRefusedNamingFileAndLine() throws IOException {
    write(shipped().replace("min-rate: 0.3", "min-rate: 30%"));

    assertThatThrownBy(() -> SignalPolicy.load(folder))
        .isInstanceOf(PolicyException.class)
        .hasMessageStartingWith(folder.resolve("signals.yaml") + ":" + line("min-rate") + ": min-rate must be a number");
  }

  @Test
  void aShareAboveOneIsRefused() throws IOException {
    write(shipped().replace("min-share: 0.5", "min-share: 50"));

    assertThatThrownBy(() -> SignalPolicy.load(folder))
        .hasMessageStartingWith(folder.resolve("signals.yaml") + ":" + line("min-share") + ": min-share must be more than 0 and at most 1");
  }

  @Test
  void aWindowThatDoesNotDivideTheHourIsRefused() throws IOException {
    write(shipped().replace("window-minutes: 10", "window-minutes: 7"));

    assertThatThrownBy(() -> SignalPolicy.load(folder)).hasMessageContaining(":" + line("window-minutes") + ": window-minutes must divide 60");
  }

  @Test
  void anUnknownKeyIsRefused() throws IOException {
    write(shipped().replace("  min-queries: 50", "  min-queries: 50\n  max-queries: 90"));

    assertThatThrownBy(() -> SignalPolicy.load(folder)).hasMessageContaining(":" + (line("min-queries") + 1)
        + ": unknown key 'max-queries' in refusal-rate");
  }

  @Test
  void aMissingKeyIsRefused() throws IOException {
    write(shipped().replace("  min-subjects: 50", ""));

    assertThatThrownBy(() -> SignalPolicy.load(folder)).hasMessageContaining("many-subjects has no 'min-subjects'");
  }

  private static String shipped() throws IOException {
    return Files.readString(SHIPPED.resolve(SignalPolicy.FILE));
  }

  /** The 1-based line of the shipped file on which {@code key} first appears. */
  private static int line(String key) throws IOException {
    String[] lines = shipped().split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].trim().startsWith(key + ":")) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException(key);
  }

  private void write(String content) throws IOException {
    Files.writeString(folder.resolve(SignalPolicy.FILE), content);
  }
}
