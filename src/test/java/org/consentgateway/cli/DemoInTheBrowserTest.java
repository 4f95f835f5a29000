package org.consentgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.consentgateway.web.Browser;
import org.consentgateway.web.BrowserTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code gateway demo} as a newcomer uses it: open the address it prints, sign in as the first
 * citizen it lists, and find the demo bank's request waiting, the consent already granted, and
 * who looked, each look's proof verified in the page.
 */
@BrowserTest
class DemoInTheBrowserTest {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  /** A guard, not an expectation: the page checks its proofs in well under a second. */
  private static final Duration PROOFS_CHECKED = Duration.ofSeconds(30);

  @TempDir
  Path logs;

  @Test
  void theCitizenItListsSignsInAndFindsTheDemoBanksRequestsAndLooks(Browser browser) throws Exception {
    Path data = GatewayProcess.dataFolder();
    int port = GatewayProcess.freePort();
    GatewayProcess.Started demo = new GatewayProcess(logs)
        .with("GATEWAY_DATA_DIR", data.toString())
        .with("GATEWAY_HTTP_PORT", Integer.toString(port))
        .with("GATEWAY_DB_EMBEDDED_PORT", Integer.toString(GatewayProcess.freePort()))
        .startUntilPrinted(DemoCommand.READY, START_TIMEOUT, "demo");
    try {
      String app = demo.output().lines().filter(line -> line.contains("Citizen app:")).findFirst().orElseThrow()
          .replaceFirst("^.*Citizen app:\\s+", "");

      browser.open(app);
      browser.clickThrough(By.cssSelector("main form button[type=submit]"));
      // The first citizen the demo lists is the first the demo identity provider offers.
      browser.driver().findElement(By.cssSelector("label[for=citizen-0]")).click();
      browser.clickThrough(By.cssSelector("form[action='/demo-idp/authorize'] button[type=submit]:not([name])"));

      assertThat(browser.driver().getCurrentUrl()).isEqualTo(app);
      browser.checkPage("demo-dashboard", "zh-CN");
      String dashboard = browser.driver().findElement(By.tagName("main")).getText();
      assertThat(browser.driver().findElements(By.cssSelector(".card"))).as("a request waiting and a consent granted: " + dashboard)
          .hasSizeGreaterThanOrEqualTo(2);
      assertThat(dashboard).contains("示范银行");

      browser.open(app + "queries?lang=en");
      List<WebElement> proofs = browser.driver().findElements(By.cssSelector("[data-proof-url]"));
      assertThat(proofs).as("the demo bank's looks").isNotEmpty();
      new WebDriverWait(browser.driver(), PROOFS_CHECKED).until(driver -> proofs.stream()
          .allMatch(proof -> "verified".equals(proof.getAttribute("data-proof-state"))));
      browser.checkPage("demo-queries", "en");
      browser.assertNoIdNumberInUrlCookiesOrConsole();
    } finally {
      demo.process().destroy(); // SIGTERM: the demo stops its embedded PostgreSQL
      assertThat(demo.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(GatewayProcess.processesUsing(data)).isEmpty();
      try (Stream<Path> files = Files.walk(data)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
