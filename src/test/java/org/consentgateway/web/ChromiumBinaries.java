package org.consentgateway.web;

import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser and its WebDriver that the browser tests drive: the operating system's own, never
 * one downloaded by Selenium Manager, so that a test run contacts no third party and uses the
 * browser the CI image was built with.
 */
record ChromiumBinaries(Path browser, Path driver) {

  private static final Logger LOG = LoggerFactory.getLogger(ChromiumBinaries.class);

  /** Debian's {@code chromium} and {@code chromium-driver} packages. */
  static final ChromiumBinaries DEBIAN = new ChromiumBinaries(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromedriver"));

  /** What a developer types to get them; the skip message says it, and {@code .ci/run} does it. */
  static final String INSTALL_COMMAND = "apt-get install -y chromium chromium-driver";

  boolean installed() {
    return Files.isExecutable(browser) && Files.isExecutable(driver);
  }

  /**
   * Skips the calling test, or test class, when either binary is missing, saying so on the
   * console too: Maven's summary counts skipped tests but does not say why.
   */
  void assumeInstalled() {
    if (!installed()) {
      String reason = "Browser tests skipped: they need " + browser + " and " + driver
          + " (Debian packages chromium and chromium-driver; as root: " + INSTALL_COMMAND + ").";
      LOG.warn(reason);
      abort(reason);
    }
  }
}
