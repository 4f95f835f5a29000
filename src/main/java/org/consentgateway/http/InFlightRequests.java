package org.consentgateway.http;

import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.consentgateway.error.ErrorCode;

/**
 * Counts requests being served, and bounds them: one over {@code max} is answered 503 at once,
 * never queued, so a database that stops answering cannot pile up requests without end. The
 * liveness probe is never refused (the process is alive, only busy). Once draining (shutdown),
 * new requests are answered 503 with {@code Connection: close}.
 */
final class InFlightRequests {

  private static final String LIVENESS_PATH = "/health/live";

  private final int max;
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();

  InFlightRequests(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, was " + max);
    }
    this.max = max;
  }

  void handle(RoutingContext context) {
    if (draining.get()) {
      context.response().putHeader("Connection", "close");
      ProblemResponses.send(context, ErrorCode.UNAVAILABLE, "The gateway is shutting down.");
      return;
    }
    if (count.incrementAndGet() > max && !LIVENESS_PATH.equals(context.normalizedPath())) {
      count.decrementAndGet();
      ProblemResponses.send(context, ErrorCode.UNAVAILABLE, "The gateway is serving as many requests as it can; try again shortly.");
      return;
    }
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
