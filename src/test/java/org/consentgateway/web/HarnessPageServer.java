package org.consentgateway.web;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.concurrent.TimeUnit;

/**
 * Serves the browser harness's own test pages ({@code src/test/resources/browser-harness/}) on a
 * free loopback port, with the headers every page of the citizen app carries (issue 11): a strict
 * Content-Security-Policy, no referrer, no sniffing. The harness is proven under the same rules
 * the app's pages live by.
 */
final class HarnessPageServer implements AutoCloseable {

  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  /** The one page answered with an error status (410), which asks for an image the server does not have. */
  static final String GONE_PAGE = "gone.html";

  private static final long START_STOP_LIMIT_SECONDS = 30;

  private final Vertx vertx;
  private final int port;

  private HarnessPageServer(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
  }

  static HarnessPageServer start() throws Exception {
    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(context -> {
      context.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
          .putHeader("Referrer-Policy", "no-referrer")
          .putHeader("X-Content-Type-Options", "nosniff");
      context.next();
    });
    // A page answered with an error status on purpose, as the app's 404 page is.
    Buffer gone = vertx.fileSystem().readFileBlocking("browser-harness/" + GONE_PAGE);
    router.get("/" + GONE_PAGE).handler(context -> context.response().setStatusCode(410)
        .putHeader("Content-Type", "text/html; charset=utf-8").end(gone));
    router.route().handler(StaticHandler.create("browser-harness").setCachingEnabled(false));
    try {
      HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
          .toCompletionStage().toCompletableFuture().get(START_STOP_LIMIT_SECONDS, TimeUnit.SECONDS);
      return new HarnessPageServer(vertx, server.actualPort());
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
  }

  String url(String page) {
    return "http://127.0.0.1:" + port + "/" + page;
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(START_STOP_LIMIT_SECONDS, TimeUnit.SECONDS);
  }
}
