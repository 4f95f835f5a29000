package org.consentgateway.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.consentgateway.db.PrivacyScan;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium driven through ChromeDriver, with what the page tests check on every
 * page ({@link #checkPage} does them all): accessibility ({@link #assertAccessible}), screenshots at
 * both widths ({@link #screenshot}), a layout that fits a phone ({@link #assertFitsMobileWidth}),
 * the console ({@link #console}); and no ID number where none may be
 * ({@link #assertNoIdNumberInUrlCookiesOrConsole}, {@link #assertNoIdNumberInPageSource}).
 *
 * <p>Test classes get one through {@link BrowserTest}; {@link #close} quits it and leaves nothing
 * behind: no process, no profile folder.
 */
public final class Browser implements AutoCloseable {

  /**
   * Issue 11's flags, plus {@code --disable-dev-shm-usage}: containers often give {@code /dev/shm}
   * 64 MB, too little for Chromium, which then crashes tabs (it uses the temporary folder instead).
   */
  static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
      "--window-size=" + Viewport.DESKTOP.width() + "," + Viewport.DESKTOP.height());

  /** Guards, not expectations: a page that takes this long to load, or axe this long to run, is broken. */
  private static final Duration PAGE_LOAD_LIMIT = Duration.ofSeconds(30);
  private static final Duration SCRIPT_LIMIT = Duration.ofSeconds(30);

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final BrowserProcesses processes;
  private final ConsoleLog console;
  private final AxeCheck axe;
  private final PageScreenshots screenshots;

  private Browser(ChromeDriverService service, ChromeDriver driver, BrowserProcesses processes, AxeCheck axe,
      PageScreenshots screenshots) {
    this.service = service;
    this.driver = driver;
    this.processes = processes;
    this.console = new ConsoleLog(driver);
    this.axe = axe;
    this.screenshots = screenshots;
  }

  /** Starts {@code binaries}' ChromeDriver and browser on a fresh profile; screenshots go under {@code screenshotDirectory}. */
  static Browser start(ChromiumBinaries binaries, Path screenshotDirectory) {
    AxeCheck axe = AxeCheck.vendored();
    BrowserProcesses processes = BrowserProcesses.withFreshProfile();
    // Naming the driver makes Selenium skip Selenium Manager (its DriverFinder only asks it when no
    // executable is given); the build also points SE_MANAGER_PATH at nothing, in case.
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(binaries.driver().toFile())
        .usingAnyFreePort().build();
    try {
      ChromeDriver driver = new ChromeDriver(service, options(binaries, processes.profile()));
      return new Browser(service, driver, processes, axe, new PageScreenshots(screenshotDirectory));
    } catch (RuntimeException e) {
      List<ProcessHandle> started = processes.tree();
      service.stop();
      processes.awaitExit(started);
      processes.close();
      throw e;
    }
  }

  private static ChromeOptions options(ChromiumBinaries binaries, Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(binaries.browser().toFile());
    options.addArguments(FLAGS);
    options.addArguments("--user-data-dir=" + profile);
    options.setPageLoadTimeout(PAGE_LOAD_LIMIT);
    options.setScriptTimeout(SCRIPT_LIMIT);
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
    return options;
  }

  /**
   * What every page test does once per page and language: saves its screenshots first (so that a
   * failing check still leaves a picture to look at), then fails on a serious or critical
   * accessibility violation, on a layout wider than a phone, and on a console error or personal
   * data in the console. The status the page itself was answered with is no console error: a 404
   * page is checked as any other.
   */
  public void checkPage(String name, String lang) {
    screenshot(name, lang);
    assertAccessible(name + " (" + lang + ")");
    assertFitsMobileWidth();
    console.pageShown(driver.getCurrentUrl());
    console.assertNoErrorsBeyondPageStatuses();
    console.assertNoPersonalData();
  }

  /** For finding elements, clicking and typing: Selenium's own API. */
  public ChromeDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
    console.pageShown(driver.getCurrentUrl());
  }

  /**
   * Clicks what {@code target} finds (a submit button or a link) and returns once the browser is on
   * the next page: a click returns before the navigation it starts, so reading right after it may
   * read the old page.
   */
  public void clickThrough(By target) {
    // A mark on the page we leave: the next page is loaded once a complete document lacks it.
    driver.executeScript("window.leavingThisPage = true;");
    driver.findElement(target).click();
    new WebDriverWait(driver, PAGE_LOAD_LIMIT).ignoring(WebDriverException.class).until(next -> Boolean.TRUE.equals(
        driver.executeScript("return window.leavingThisPage === undefined && document.readyState === 'complete';")));
    console.pageShown(driver.getCurrentUrl());
  }

  /** Fails, listing rule, impact, help and elements, when axe-core finds a serious or critical violation. */
  public void assertAccessible(String page) {
    axe.assertNoBlockingViolations(driver, page);
  }

  /** All of axe-core's findings on the current page, whatever their impact. */
  public List<AxeViolation> accessibilityViolations() {
    return axe.violations(driver);
  }

  /** Saves the current page as {@code screenshots/mobile/<name>-<lang>.png} and {@code screenshots/desktop/<name>-<lang>.png}. */
  public List<Path> screenshot(String name, String lang) {
    return screenshots.save(driver, name, lang);
  }

  /** Fails when, 360 px wide, the page is wider than the screen (a reader would have to scroll sideways). */
  public void assertFitsMobileWidth() {
    Viewport.MOBILE.apply(driver);
    try {
      long width = ((Number) driver.executeScript("return document.documentElement.scrollWidth;")).longValue();
      if (width > Viewport.MOBILE.width()) {
        throw new AssertionError(driver.getTitle() + " is " + width + " px wide on a " + Viewport.MOBILE.width() + " px screen");
      }
    } finally {
      Viewport.reset(driver);
    }
  }

  public ConsoleLog console() {
    return console;
  }

  /**
   * Fails when the URL, a cookie or a console line holds a valid resident ID number (issue 11:
   * never in a URL, a cookie or a log). Says where, never the number.
   */
  public void assertNoIdNumberInUrlCookiesOrConsole() {
    List<String> places = new ArrayList<>();
    checkForIdNumber("the URL", driver.getCurrentUrl(), places);
    for (Cookie cookie : driver.manage().getCookies()) {
      checkForIdNumber("cookie " + cookie.getName(), cookie.getValue(), places);
    }
    for (ConsoleLog.Entry entry : console.entries()) {
      checkForIdNumber("the console", entry.message(), places);
    }
    failIfFound(places);
  }

  /** Fails when the current page's HTML holds a valid resident ID number. Says where, never the number. */
  public void assertNoIdNumberInPageSource() {
    List<String> places = new ArrayList<>();
    checkForIdNumber("the page source", driver.getPageSource(), places);
    failIfFound(places);
  }

  private void failIfFound(List<String> places) {
    if (!places.isEmpty()) {
      throw new AssertionError("a resident ID number in " + String.join(", ", places) + " of " + driver.getTitle());
    }
  }

  private static void checkForIdNumber(String place, String text, List<String> places) {
    if (PrivacyScan.personalDataIn(text).contains(PrivacyScan.ID_NUMBER)) {
      places.add(place);
    }
  }

  /** The profile folder this browser runs on; gone once it is closed. */
  Path profile() {
    return processes.profile();
  }

  /** The ChromeDriver process and everything under it (the browser, its zygotes, renderers and utilities). */
  List<ProcessHandle> processTree() {
    return processes.tree();
  }

  @Override
  public void close() {
    List<ProcessHandle> tree = processes.tree();
    try {
      driver.quit();
    } finally {
      try {
        service.stop();
      } finally {
        processes.awaitExit(tree);
        processes.close();
      }
    }
  }
}
