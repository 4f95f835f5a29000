package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.manager.SeleniumManager;
import org.opentest4j.TestAbortedException;

/** Without a browser the browser tests skip, and say what to install; this runs everywhere. */
class ChromiumBinariesTest {

  @Test
  void missingBinariesSkipWithTheDebianPackagesToInstall() {
    ChromiumBinaries missing = new ChromiumBinaries(Path.of("/nonexistent/chromium"), Path.of("/nonexistent/chromedriver"));

    assertThat(missing.installed()).isFalse();
    assertThatThrownBy(missing::assumeInstalled).isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("/nonexistent/chromium and /nonexistent/chromedriver")
        .hasMessageContaining("apt-get install -y chromium chromium-driver");
  }

  @Test
  void theBrowserRunsWithTheAgreedFlagsAndNoDownloadedBrowser() {
    assertThat(ChromiumBinaries.DEBIAN.browser()).isEqualTo(Path.of("/usr/bin/chromium"));
    assertThat(ChromiumBinaries.DEBIAN.driver()).isEqualTo(Path.of("/usr/bin/chromedriver"));
    assertThat(Browser.FLAGS).contains("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic");
  }

  /** The build points Selenium Manager at a program that does not exist, so it can fetch no browser even if called. */
  @Test
  void seleniumManagerCannotRunUnderTheBuild() {
    String managerPath = System.getenv("SE_MANAGER_PATH");
    assumeTrue(managerPath != null, "SE_MANAGER_PATH is set by the build (pom.xml, Surefire), not by an IDE");

    assertThat(Path.of(managerPath)).doesNotExist();
    assertThatThrownBy(() -> SeleniumManager.getInstance().getBinaryPaths(List.of("--browser", "chrome")))
        .isInstanceOf(WebDriverException.class).hasMessageContaining("Unable to obtain Selenium Manager Binary");
  }
}
