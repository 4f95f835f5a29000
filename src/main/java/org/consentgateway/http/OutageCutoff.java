package org.consentgateway.http;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.consentgateway.db.DatabaseHealth;
import org.consentgateway.error.ErrorCode;

/**
 * Answers 503 {@code unavailable} at once to a request that has waited {@code cutoff} while the
 * database is away, rather than at the request deadline: a frozen PostgreSQL accepts a query on a
 * connection the request already holds and never answers it, and no pool timeout covers that.
 * A request waiting past the cutoff while the database answers (a slow one) is left to its
 * deadline; it is cut as soon as {@link DatabaseHealth} finds the database away.
 *
 * <p>A request cut here may still complete its work later, as one past its deadline may; its answer
 * is never sent, so nothing is disclosed that was not audited, and a 503 tells the caller to ask
 * again.
 */
final class OutageCutoff {

  private final Vertx vertx;
  private final DatabaseHealth health;
  private final long cutoffMillis;
  /** Requests past the cutoff and not yet answered, with the context their callbacks run on. */
  private final Map<RoutingContext, Context> waiting = new ConcurrentHashMap<>();

  OutageCutoff(Vertx vertx, DatabaseHealth health, Duration cutoff) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.health = requireNonNull(health, "health is null");
    this.cutoffMillis = requireNonNull(cutoff, "cutoff is null").toMillis();
    health.whenAway(this::cutAll);
  }

  void handle(RoutingContext context) {
    Context requestContext = vertx.getOrCreateContext();
    long timer = vertx.setTimer(cutoffMillis, id -> cutoffReached(context, requestContext));
    context.addEndHandler(done -> {
      vertx.cancelTimer(timer);
      waiting.remove(context);
    });
    context.next();
  }

  private void cutoffReached(RoutingContext context, Context requestContext) {
    if (context.response().ended()) {
      return;
    }
    waiting.put(context, requestContext);
    // Checked after joining, so an outage found in between is not missed.
    if (!health.isUp() && waiting.remove(context) != null) {
      cut(context);
    }
  }

  private void cutAll() {
    waiting.forEach((context, requestContext) -> {
      if (waiting.remove(context) != null) {
        requestContext.runOnContext(v -> cut(context));
      }
    });
  }

  private static void cut(RoutingContext context) {
    if (!context.response().ended() && !context.response().headWritten()) {
      context.fail(ErrorCode.UNAVAILABLE.status());
    }
  }
}
