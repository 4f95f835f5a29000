package org.consentgateway.http;

import static java.util.Objects.requireNonNull;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One of the API's HTTP servers: deployed once per event loop, all on one port (Vert.x spreads
 * the connections among them), so every core serves requests. Each serves the one shared router on
 * its own event loop; the router and what it calls are thread-safe.
 */
final class ServingVerticle extends AbstractVerticle {

  private final HttpServerOptions options;
  private final UnaryOperator<HttpServer> handlers;
  private final Consumer<HttpServer> listening;

  /**
   * @param handlers sets the server's connection, request and failure handlers
   * @param listening told of the server once it listens
   */
  ServingVerticle(HttpServerOptions options, UnaryOperator<HttpServer> handlers, Consumer<HttpServer> listening) {
    this.options = new HttpServerOptions(requireNonNull(options, "options is null"));
    this.handlers = requireNonNull(handlers, "handlers is null");
    this.listening = requireNonNull(listening, "listening is null");
  }

  @Override
  public void start(Promise<Void> started) {
    handlers.apply(vertx.createHttpServer(options)).listen().onSuccess(server -> {
      listening.accept(server);
      started.complete();
    }).onFailure(started::fail);
  }
}
