package org.consentgateway.web;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
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

  private final WebDriver driver;
  private final List<Entry> entries = new ArrayList<>();

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
    List<Entry> errors = errors();
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
