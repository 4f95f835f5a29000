package org.consentgateway.http;

import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.RoutingContext;
import java.net.SocketException;

/**
 * Whether a failed request only means that its client hung up: the connection is gone, or it broke
 * while the request's body was still arriving. A failure of a connection the gateway opened itself
 * (to an identity provider, say) comes after the body has been read, so it is never taken for one.
 */
final class ClientDisconnect {

  /** Failures wrap their cause a few levels deep at most. */
  private static final int MAX_CAUSES = 8;

  private ClientDisconnect() {}

  static boolean is(RoutingContext context, Throwable failure) {
    if (context.response().closed()) {
      return true;
    }
    if (context.request().isEnded()) {
      return false;
    }
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
      if (cause instanceof HttpClosedException || cause instanceof SocketException) {
        return true;
      }
    }
    return false;
  }
}
