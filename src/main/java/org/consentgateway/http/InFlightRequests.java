package org.consentgateway.http;

import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.consentgateway.error.ErrorCode;

/**
 * Counts requests being served, so a shutdown can stop taking new ones and wait for the rest.
 * Once draining, new requests are answered 503 with {@code Connection: close}.
 */
final class InFlightRequests {

  private final AtomicInteger count = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();

  void handle(RoutingContext context) {
    if (draining.get()) {
      context.response().putHeader("Connection", "close");
      ProblemResponses.send(context, ErrorCode.UNAVAILABLE, "The gateway is shutting down.");
      return;
    }
    count.incrementAndGet();
    context.addEndHandler(done -> count.decrementAndGet());
    context.next();
  }

  void drain() {
    draining.set(true);
  }

  int count() {
    return count.get();
  }
}
