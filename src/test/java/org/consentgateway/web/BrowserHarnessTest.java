package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.consentgateway.value.ResidentIdNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser harness proved on pages of its own, served under the app's strict
 * Content-Security-Policy: axe-core runs and passes a clean page and fails a broken one with a
 * readable list, screenshots cover whole pages at both widths, the console is read, and a closed
 * browser leaves nothing behind.
 */
@BrowserTest
class BrowserHarnessTest {

  /** A synthetic number with a valid check digit, which the broken page's script logs. */
  private static final String LOGGED_ID_NUMBER = "11010519491231002X";

  private HarnessPageServer pages;

  @BeforeEach
  void servePages() throws Exception {
    pages = HarnessPageServer.start();
  }

  @AfterEach
  void stopServing() throws Exception {
    pages.close();
  }

  @Test
  void aCleanPageUnderTheStrictPolicyRunsItsScriptAndPassesEveryCheck(Browser browser) {
    browser.open(pages.url("clean.html"));

    assertThat(browser.driver().findElement(By.id("script-status")).getText()).isEqualTo("The script ran.");
    browser.assertAccessible("the harness's clean page");
    assertThat(browser.accessibilityViolations()).noneMatch(AxeViolation::blocking);
    browser.assertFitsMobileWidth();
    assertThat(browser.console().entries()).anyMatch(entry -> entry.message().contains("harness page ready"));
    browser.console().assertNoErrors();
    browser.console().assertNoPersonalData();
    browser.assertNoIdNumberInUrlCookiesOrConsole();
    browser.assertNoIdNumberInPageSource();
  }

  @Test
  void checkPageSavesTheScreenshotsEvenWhenTheChecksFail(Browser browser) throws Exception {
    List<Path> brokenScreenshots = List.of(BrowserExtension.screenshotDirectory().resolve("mobile/harness-broken-en.png"),
        BrowserExtension.screenshotDirectory().resolve("desktop/harness-broken-en.png"));
    for (Path screenshot : brokenScreenshots) {
      Files.deleteIfExists(screenshot);
    }
    browser.open(pages.url("clean.html"));
    browser.checkPage("harness-clean", "en");

    browser.open(pages.url("broken.html"));
    assertThatThrownBy(() -> browser.checkPage("harness-broken", "en")).hasMessageContaining("on harness-broken (en)");
    assertThat(brokenScreenshots).allSatisfy(screenshot -> assertThat(screenshot).isRegularFile());
  }

  @Test
  void axeCanBeRunAgainAfterANavigation(Browser browser) {
    browser.open(pages.url("clean.html"));
    browser.assertAccessible("the harness's clean page");
    browser.open(pages.url("broken.html"));

    assertThat(browser.accessibilityViolations()).anyMatch(violation -> violation.rule().equals("image-alt"));
  }

  @Test
  void aPageWithAccessibilityErrorsFailsWithTheRuleTheImpactTheHelpAndTheElements(Browser browser) {
    browser.open(pages.url("broken.html"));

    assertThatThrownBy(() -> browser.assertAccessible("the harness's broken page"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("serious or critical accessibility violation(s) on the harness's broken page")
        .hasMessageContaining("image-alt (critical): Images must have alternative text; at #unlabelled-photo")
        .hasMessageContaining("label (critical): Form elements must have labels; at #unlabelled-field")
        .hasMessageContaining("https://dequeuniversity.com/rules/axe/4.14/image-alt");
  }

  @Test
  void screenshotsCoverTheWholePageAtPhoneAndDesktopWidths(Browser browser) throws Exception {
    browser.open(pages.url("clean.html"));

    List<Path> files = browser.screenshot("harness-clean", "zh-CN");

    assertThat(files).extracting(file -> file.getParent().getFileName() + "/" + file.getFileName())
        .containsExactly("mobile/harness-clean-zh-CN.png", "desktop/harness-clean-zh-CN.png");
    BufferedImage mobile = ImageIO.read(files.get(0).toFile());
    BufferedImage desktop = ImageIO.read(files.get(1).toFile());
    assertThat(mobile.getWidth()).isEqualTo(Viewport.MOBILE.width());
    assertThat(desktop.getWidth()).isEqualTo(Viewport.DESKTOP.width());
    // The page's last section alone is 1600 px tall: whole pages, not one screenful each.
    assertThat(mobile.getHeight()).isGreaterThan(1600);
    assertThat(desktop.getHeight()).isGreaterThan(1600);
    assertThat(browser.driver().manage().window().getSize().getWidth())
        .as("the emulated screen is undone afterwards").isEqualTo(Viewport.DESKTOP.width());
  }

  @Test
  void anInlineScriptIsRefusedByThePolicyAndTheRefusalIsAConsoleError(Browser browser) {
    browser.open(pages.url("clean.html"));

    Object ran = browser.driver().executeScript("const script = document.createElement('script');"
        + "script.textContent = 'window.inlineRan = true;'; document.body.appendChild(script); return window.inlineRan === true;");

    assertThat(ran).isEqualTo(false);
    assertThat(browser.console().errors()).anyMatch(entry -> entry.message().contains("Content Security Policy"));
  }

  @Test
  void theStatusAPageWasAnsweredWithIsNoConsoleErrorButAFailedLoadOnItIs(Browser browser) {
    browser.open(pages.url(HarnessPageServer.GONE_PAGE));
    // Chromium logs both as failed loads, the page's own status possibly later than the image's.
    new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(driver -> browser.console().errors().size() == 2);

    assertThat(browser.console().errors()).anySatisfy(entry -> assertThat(entry.message())
        .startsWith(pages.url(HarnessPageServer.GONE_PAGE) + " - ").contains("status of 410"));
    assertThatThrownBy(() -> browser.console().assertNoErrorsBeyondPageStatuses())
        .hasMessageContaining("1 error(s) in the browser console").hasMessageContaining("missing.svg")
        .hasMessageNotContaining("status of 410");
  }

  @Test
  void consoleErrorsAndIdNumbersAreCaughtWithoutRepeatingTheNumber(Browser browser) {
    assertThat(ResidentIdNumber.isValid(LOGGED_ID_NUMBER)).isTrue();
    browser.open(pages.url("broken.html"));

    assertThat(browser.console().errors()).singleElement()
        .satisfies(entry -> assertThat(entry.message()).contains("deliberate harness error"));
    assertThatThrownBy(() -> browser.console().assertNoErrors())
        .hasMessageContaining("1 error(s) in the browser console").hasMessageContaining("deliberate harness error");
    assertThatThrownBy(() -> browser.console().assertNoPersonalData())
        .hasMessageContaining("console line 2: a resident ID number").hasMessageNotContaining(LOGGED_ID_NUMBER);
    assertThatThrownBy(browser::assertNoIdNumberInUrlCookiesOrConsole)
        .hasMessageContaining("a resident ID number in the console").hasMessageNotContaining(LOGGED_ID_NUMBER);

    browser.console().clear();
    assertThat(browser.console().entries()).isEmpty();
  }

  @Test
  void aClosedBrowserLeavesNoProcessAndNoProfileBehind() {
    Browser browser = Browser.start(ChromiumBinaries.DEBIAN, BrowserExtension.screenshotDirectory());
    Path profile = browser.profile();
    List<ProcessHandle> processes;
    try {
      browser.open(pages.url("clean.html"));
      processes = browser.processTree();
      // By file name: Debian's chromium-driver has shipped the driver under /usr/lib/chromium and under /usr/bin.
      assertThat(processes).extracting(BrowserHarnessTest::programName).contains("chromedriver", "chromium");
      assertThat(profile).isDirectory();
    } finally {
      browser.close();
    }

    assertThat(processes).noneMatch(ProcessHandle::isAlive);
    assertThat(profile).doesNotExist();
  }

  private static String programName(ProcessHandle process) {
    return process.info().command().map(command -> Path.of(command).getFileName().toString()).orElse("(unknown)");
  }
}
