package org.consentgateway.http;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.consentgateway.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a client may take to send a request. The idle timeout alone does not bound it: a client
 * that sends one byte every few seconds is never idle. So the head must arrive within the deadline
 * of the connection's opening (or, on a kept-alive HTTP/1.1 connection, of the previous answer),
 * else the connection is closed; and the body within the deadline of the head, else 408
 * {@code request_timeout} and the connection is closed. Vert.x has no option for either (only the
 * idle timeout), hence the timers. An HTTP/2 connection's head deadline covers its first stream.
 */
final class ReadDeadlines {

  private static final Logger LOG = LoggerFactory.getLogger(ReadDeadlines.class);

  private final Vertx vertx;
  private final long millis;
  private final Map<HttpConnection, Long> awaitingHead = new ConcurrentHashMap<>();

  ReadDeadlines(Vertx vertx, int seconds) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.millis = seconds * 1000L;
  }

  /** The server's connection handler: a new connection has until the deadline to send a head. */
  void opened(HttpConnection connection) {
    connection.closeHandler(closed -> headArrived(connection));
    awaitHead(connection);
  }

  /** The first route handler: the head is in; the body has until the deadline. */
  void handle(RoutingContext context) {
    HttpServerRequest request = context.request();
    HttpConnection connection = request.connection();
    headArrived(connection);
    long body = RequestBodies.arriving(request) ? vertx.setTimer(millis, id -> bodyOverdue(request)) : -1;
    context.addEndHandler(answered -> {
      if (body >= 0) {
        vertx.cancelTimer(body);
      }
      if (request.version() != HttpVersion.HTTP_2) {
        awaitHead(connection);
      }
    });
    context.next();
  }

  private void awaitHead(HttpConnection connection) {
    long timer = vertx.setTimer(millis, id -> {
      if (awaitingHead.remove(connection, id)) {
        LOG.debug("closing a connection whose request head did not arrive in time");
        connection.close();
      }
    });
    Long previous = awaitingHead.put(connection, timer);
    if (previous != null) {
      vertx.cancelTimer(previous);
    }
  }

  private void headArrived(HttpConnection connection) {
    Long timer = awaitingHead.remove(connection);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }

  private void bodyOverdue(HttpServerRequest request) {
    if (!request.isEnded()) {
      LOG.debug("answering 408 to a request whose body did not arrive in time");
      ProblemResponses.sendAndClose(request, ErrorCode.REQUEST_TIMEOUT,
          "The request did not arrive within " + millis / 1000 + " seconds.");
    }
  }
}
