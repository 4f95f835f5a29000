package org.consentgateway.http;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each request's body (up to the limit) before the routes run, and answers a body that
 * breaks while arriving. BodyHandler alone reports such a break (a chunk size the codec cannot
 * parse, a form with bad percent-encoding, a client gone mid-body) as an unexpected failure: an
 * ERROR line and a 500 that, for a bad chunk, never leaves because the codec closes the
 * connection at once. Here it is the client's 400, written and flushed before the connection closes.
 */
final class RequestBodies implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(RequestBodies.class);

  private final BodyHandler bodies;

  RequestBodies(int bodyLimitBytes) {
    this.bodies = BodyHandler.create(false).setBodyLimit(bodyLimitBytes);
  }

  @Override
  public void handle(RoutingContext context) {
    requireNonNull(context, "context is null");
    bodies.handle(context);
    HttpServerRequest request = context.request();
    // Only while a body is still arriving: once it is in, the routes own the request.
    if (arriving(request)) {
      // Replaces BodyHandler's own handler, which only fails the context (no uploads are kept to clean up).
      request.exceptionHandler(failure -> broken(context, failure));
    }
  }

  /** Whether a body is still arriving: one is announced (RFC 9112 §6.3) and the request has not ended. */
  static boolean arriving(HttpServerRequest request) {
    boolean announced = request.headers().contains(HttpHeaders.CONTENT_LENGTH) || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    return announced && !request.isEnded();
  }

  private static void broken(RoutingContext context, Throwable failure) {
    LOG.debug("a request body could not be read: {}", failure.getClass().getName());
    // Closing flushes the answer before the codec, which gave up on the connection, drops it.
    ProblemResponses.closeAfter(context.request(), () -> {
      if (!context.failed()) {
        // Failing the context also stops BodyHandler from passing the half-read body on to the route.
        context.fail(new ProblemException(ErrorCode.INVALID_REQUEST, "The request body could not be read."));
      }
    });
  }
}
