package org.consentgateway.web;

import java.util.Map;
import org.openqa.selenium.chromium.ChromiumDriver;

/**
 * A screen the pages must read well on (issue 11: 360 px wide and a desktop), emulated through
 * the DevTools protocol so that the page's layout width is exactly {@link #width} CSS pixels,
 * whatever the headless window's size. {@code mobile} makes Chromium honour the page's viewport
 * meta tag and draw overlay scrollbars, as a phone does.
 */
public record Viewport(String name, int width, int height, boolean mobile) {

  public static final Viewport MOBILE = new Viewport("mobile", 360, 740, true);
  public static final Viewport DESKTOP = new Viewport("desktop", 1280, 800, false);

  void apply(ChromiumDriver driver) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
  }

  static void reset(ChromiumDriver driver) {
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }
}
