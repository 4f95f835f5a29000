package org.consentgateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The demo key set published in {@code keys-example/} is complete, loads, and is marked as demo. */
class DemoKeysTest {

  // Surefire runs tests from the project folder.
  private static final Path DEMO_KEYS = Path.of("keys-example");

  @Test
  void holdsEveryFileOfAKeySet() {
    for (String name : KeySetGenerator.fileNames()) {
      assertThat(DEMO_KEYS.resolve(name)).as(name).isRegularFile();
    }
    assertThat(DEMO_KEYS.resolve("README.md")).isRegularFile();
  }

  @Test
  void loadsAndIsMarkedDemo() throws Exception {
    GatewayKeys keys = GatewayKeys.load(DEMO_KEYS);

    assertThat(keys.isDemo()).isTrue();
    assertThat(Files.readString(DEMO_KEYS.resolve(GatewayKeys.DEMO_MARKER))).containsIgnoringCase("public");
    for (KeyParty party : KeyParty.values()) {
      assertThat(keys.keyPair(party)).as(party.fileStem()).isPresent();
    }
  }
}
