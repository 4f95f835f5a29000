package org.consentgateway.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Runs axe-core, from the copy vendored under {@code src/test/resources/axe/} (see its
 * VERSION.md), on the page a browser shows. The script is injected through WebDriver, which the
 * page's Content-Security-Policy does not govern, so pages keep {@code script-src 'self'} and
 * never ship axe themselves.
 */
final class AxeCheck {

  static final String RESOURCE = "/axe/axe.min.js";

  /**
   * Runs every rule axe enables by default (WCAG 2.x A and AA, and its best practices) and hands
   * back only the violations, each as one JSON object, so that the page's DOM never has to cross
   * the WebDriver wire. Targets are selectors, or arrays of them for shadow roots and frames.
   */
  private static final String RUN = """
      const done = arguments[arguments.length - 1];
      axe.run(document, {resultTypes: ['violations']}).then(
          results => done(JSON.stringify(results.violations.map(v => ({
              rule: v.id, impact: v.impact || 'unknown', help: v.help, helpUrl: v.helpUrl,
              targets: v.nodes.map(n => n.target.map(t => typeof t === 'string' ? t : JSON.stringify(t)).join(' '))})))),
          error => done(JSON.stringify({error: String(error)})));
      """;

  private final String source;

  private AxeCheck(String source) {
    this.source = source;
  }

  static AxeCheck vendored() {
    try (InputStream in = AxeCheck.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("axe-core is missing from the test classpath: " + RESOURCE);
      }
      return new AxeCheck(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every violation on the current page, whatever its impact. */
  List<AxeViolation> violations(JavascriptExecutor page) {
    // A navigation drops the script, so it is injected again unless this very document has it.
    if (!Boolean.TRUE.equals(page.executeScript("return typeof window.axe === 'object';"))) {
      page.executeScript(source);
    }
    String json = (String) page.executeAsyncScript(RUN);
    if (json.startsWith("{")) {
      throw new IllegalStateException("axe-core failed on the page: " + new JsonObject(json).getString("error"));
    }
    List<AxeViolation> violations = new ArrayList<>();
    for (Object item : new JsonArray(json)) {
      JsonObject violation = (JsonObject) item;
      List<String> targets = violation.getJsonArray("targets").stream().map(String.class::cast).toList();
      violations.add(new AxeViolation(violation.getString("rule"), violation.getString("impact"), violation.getString("help"),
          violation.getString("helpUrl"), targets));
    }
    return violations;
  }

  /**
   * Fails, listing each one, when the current page has a serious or critical violation.
   * {@code page} names the page in the message ("consent screen, en").
   */
  void assertNoBlockingViolations(JavascriptExecutor driver, String page) {
    List<AxeViolation> blocking = violations(driver).stream().filter(AxeViolation::blocking).toList();
    if (!blocking.isEmpty()) {
      throw new AssertionError(blocking.size() + " serious or critical accessibility violation(s) on " + page + ":\n"
          + blocking.stream().map(violation -> "  - " + violation.describe()).collect(Collectors.joining("\n")));
    }
  }
}
