package org.consentgateway.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openqa.selenium.chromium.ChromiumDriver;

/**
 * Saves the page a browser shows as PNG files, one per {@link Viewport}:
 * {@code <directory>/mobile/<name>-<lang>.png} (360 px wide) and
 * {@code <directory>/desktop/<name>-<lang>.png} (1280 px wide), each as tall as the whole page.
 *
 * <p>Selenium's own screenshot is of the viewport only; Chromium captures beyond it through the
 * DevTools protocol ({@code Page.captureScreenshot} with {@code captureBeyondViewport}), which
 * ChromeDriver relays over the WebDriver connection, so no DevTools socket is opened.
 */
final class PageScreenshots {

  /** The tallest capture Chromium makes reliably (one GPU texture); a longer page is cut there. */
  static final int MAX_HEIGHT = 16_384;

  /** Names and language tags become file names. */
  private static final Pattern FILE_NAME_PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  private final Path directory;

  PageScreenshots(Path directory) {
    this.directory = directory;
  }

  /** Saves the current page at both widths; answers the files written, mobile first. */
  List<Path> save(ChromiumDriver driver, String name, String lang) {
    requireFileNamePart(name, "name");
    requireFileNamePart(lang, "lang");
    return List.of(save(driver, Viewport.MOBILE, name, lang), save(driver, Viewport.DESKTOP, name, lang));
  }

  private Path save(ChromiumDriver driver, Viewport viewport, String name, String lang) {
    Path file = directory.resolve(viewport.name()).resolve(name + "-" + lang + ".png");
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, capture(driver, viewport));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static byte[] capture(ChromiumDriver driver, Viewport viewport) {
    viewport.apply(driver);
    try {
      Map<?, ?> content = (Map<?, ?>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
      double pageHeight = ((Number) content.get("height")).doubleValue();
      // A short page is shot at the screen's height, as a reader would see it.
      int height = (int) Math.min(MAX_HEIGHT, Math.max(viewport.height(), Math.ceil(pageHeight)));
      Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", viewport.width(), "height", height, "scale", 1);
      Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
          Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
      return Base64.getDecoder().decode((String) shot.get("data"));
    } finally {
      Viewport.reset(driver);
    }
  }

  private static void requireFileNamePart(String value, String what) {
    if (!FILE_NAME_PART.matcher(value).matches()) {
      throw new IllegalArgumentException("a screenshot's " + what + " must be letters, digits, '-' or '_': " + value);
    }
  }
}
