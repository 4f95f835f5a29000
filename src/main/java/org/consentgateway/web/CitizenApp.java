package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;

/**
 * The citizen's web app under {@value #PREFIX}: its security headers on every answer, its error
 * page for any failure no page answered itself, and its static files — each one by name, read
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

  private final SecurityHeaders headers;
  private final Responder responder;
  private final Map<String, Buffer> files;

  /** @param responder answers a failure under /app with the app's error page */
  public CitizenApp(SecurityHeaders headers, Responder responder) {
    this.headers = requireNonNull(headers, "headers is null");
    this.responder = requireNonNull(responder, "responder is null");
    this.files = STATIC_FILES.stream().collect(Collectors.toUnmodifiableMap(name -> name, CitizenApp::read));
  }

  /**
   * Mounts the headers for every /app path, then the static files; before any page. And, for every
   * /app path, a failure handler: a failure no page answered itself (a path no access rule names, a
   * method the path does not take, a body over the limit) is answered with the app's error page in
   * the reader's language, not the API's problem JSON.
   */
  public void mount(Router router) {
    router.route().handler(context -> {
      if (inApp(context)) {
        headers.handle(context);
      } else {
        context.next();
      }
    });
    router.route().failureHandler(context -> {
      if (inApp(context) && !context.response().headWritten()) {
        headers.apply(context.response());
        responder.showError(context, failureOf(context));
      } else {
        context.next();
      }
    });
    files.forEach((name, content) -> router.get(STATIC_PREFIX + name).handler(context -> Pages.sendStatic(context,
        TYPES.get(name.substring(name.lastIndexOf('.') + 1)), content)));
  }

  private static boolean inApp(RoutingContext context) {
    return context.normalizedPath().equals(PREFIX) || context.normalizedPath().startsWith(PREFIX + "/");
  }

  /** The failure as the error page's code reads it: a bare status (the router's, the access rules') as its code. */
  private static Throwable failureOf(RoutingContext context) {
    if (context.failure() instanceof HttpException http) {
      return new ProblemException(ErrorCode.forStatus(http.getStatusCode()), "status " + http.getStatusCode());
    }
    if (context.failure() == null) {
      return new ProblemException(ErrorCode.forStatus(context.statusCode()), "status " + context.statusCode());
    }
    return context.failure();
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
