package org.consentgateway.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.consentgateway.db.PrivacyScan;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The browser's console as a test sees it: {@code console.*} calls, uncaught script errors,
 * Content-Security-Policy refusals and failed loads (Chromium reports the last three as errors).
 * ChromeDriver hands each entry over once ({@code goog:loggingPrefs}, browser: ALL), so this keeps
 * what it has read; {@link BrowserExtension} starts it afresh before each test.
 */
public final class ConsoleLog {

  /** One console line; Chromium prefixes the message with the script's URL and line. */
  public record Entry(Level level, String message) {

    public boolean error() {
      return level.intValue() >= Level.SEVERE.intValue();
    }
  }

  /** Chromium's line for a load answered 4xx or 5xx: the URL, then the status. */
  private static final Pattern PAGE_STATUS =
      Pattern.compile("(\\S+) - Failed to load resource: the server responded with a status of \\d{3}\\b.*");

  private final WebDriver driver;
  private final List<Entry> entries = new ArrayList<>();
  /** The URLs of the pages shown, kept for the browser's life: a page's status line may come late. */
  private final Set<String> pages = new HashSet<>();

  ConsoleLog(WebDriver driver) {
    this.driver = driver;
  }

  /** Everything logged since this test started, oldest first. */
  public List<Entry> entries() {
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      entries.add(new Entry(entry.getLevel(), entry.getMessage()));
    }
    return List.copyOf(entries);
  }

  public List<Entry> errors() {
    return entries().stream().filter(Entry::error).toList();
  }

  /** Fails when the page logged an error; the message lists them, withholding any that holds personal data. */
  public void assertNoErrors() {
    failOn(errors());
  }

  /**
   * Notes that the browser shows the page at {@code url}. Chromium logs the status a page itself
   * was answered with as a failed load when it is 4xx or 5xx, and may do so after the next page has
   * opened; see {@link #assertNoErrorsBeyondPageStatuses}.
   */
  void pageShown(String url) {
    pages.add(url);
  }

  /**
   * As {@link #assertNoErrors}, except for Chromium's lines about the status that a page shown
   * ({@link #pageShown}) was itself answered with: a 404 page answers 404 on purpose. A failed load
   * of anything a page asks for still fails.
   */
  public void assertNoErrorsBeyondPageStatuses() {
    failOn(errors().stream().filter(entry -> !pageStatus(entry.message())).toList());
  }

  private boolean pageStatus(String message) {
    Matcher status = PAGE_STATUS.matcher(message);
    return status.matches() && pages.contains(status.group(1));
  }

  private static void failOn(List<Entry> errors) {
    if (!errors.isEmpty()) {
      throw new AssertionError(errors.size() + " error(s) in the browser console:\n"
          + errors.stream().map(entry -> "  - " + printable(entry.message())).collect(Collectors.joining("\n")));
    }
  }

  /** Fails when any console line holds a resident ID number or a personal name; says which lines, never what. */
  public void assertNoPersonalData() {
    List<String> findings = new ArrayList<>();
    List<Entry> all = entries();
    for (int i = 0; i < all.size(); i++) {
      for (String kind : PrivacyScan.personalDataIn(all.get(i).message())) {
        findings.add("console line " + (i + 1) + ": " + kind);
      }
    }
    if (!findings.isEmpty()) {
      throw new AssertionError("personal data in the browser console: " + findings);
    }
  }

  /** Forgets what was logged so far, read or not. */
  void clear() {
    entries();
    entries.clear();
  }

  private static String printable(String message) {
    List<String> kinds = PrivacyScan.personalDataIn(message);
    return kinds.isEmpty() ? message : "(withheld: holds " + String.join(" and ", kinds) + ")";
  }
}
