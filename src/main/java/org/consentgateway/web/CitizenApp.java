package org.consentgateway.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The citizen's web app under {@value #PREFIX}: its security headers and error page
 * ({@link PageArea}), and its static files (shared with the regulator console) — each one by name, read
 * once at start-up, so a file the access rules do not list is never served. Pages are mounted by
 * the classes that own them.
 */
public final class CitizenApp {

  public static final String PREFIX = "/app";
  public static final String STATIC_PREFIX = PREFIX + "/static/";
  /** The static files, by name: the style sheet and the scripts that only enhance. */
  public static final List<String> STATIC_FILES = List.of("app.css", "proof.js");

  private static final Map<String, String> TYPES = Map.of(
      "css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8");

  private final PageArea area;
  private final Map<String, Buffer> files;

  /** @param responder answers a failure under /app with the app's error page */
  public CitizenApp(SecurityHeaders headers, Responder responder) {
    this.area = new PageArea(PREFIX, headers, responder);
    this.files = STATIC_FILES.stream().collect(Collectors.toUnmodifiableMap(name -> name, CitizenApp::read));
  }

  /** Mounts the headers and the error page for every /app path ({@link PageArea}), then the static files; before any page. */
  public void mount(Router router) {
    area.mount(router);
    files.forEach((name, content) -> router.get(STATIC_PREFIX + name).handler(context -> Pages.sendStatic(context,
        TYPES.get(name.substring(name.lastIndexOf('.') + 1)), content)));
  }

  private static Buffer read(String name) {
    String resource = "/web/static/" + name;
    try (InputStream in = CitizenApp.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the app's static file " + resource + " is not on the class path");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("the app's static file " + resource + " could not be read", e);
    }
  }
}
