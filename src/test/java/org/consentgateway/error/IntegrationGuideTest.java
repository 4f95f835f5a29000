package org.consentgateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/integration.md stays true to the code: its error table tells an integrator what to do about
 * every code the gateway can send, with the status the code is sent with, and every file it links
 * to exists.
 */
class IntegrationGuideTest {

  private static final Path GUIDE = Path.of("docs", "integration.md");

  @Test
  void everyProblemCodeHasItsRowWithItsStatus() throws Exception {
    String guide = Files.readString(GUIDE);
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(guide).as(code.code()).contains("| `" + code.code() + "` | " + code.status() + " |");
    }
  }

  @Test
  void everyRelativeLinkNamesAFileThatExists() throws Exception {
    Matcher links = Pattern.compile("\\]\\(([^)#:]+)(#[^)]*)?\\)").matcher(Files.readString(GUIDE));
    int seen = 0;
    while (links.find()) {
      assertThat(GUIDE.resolveSibling(links.group(1))).as(links.group()).exists();
      seen++;
    }
    assertThat(seen).isGreaterThan(5);
  }
}
